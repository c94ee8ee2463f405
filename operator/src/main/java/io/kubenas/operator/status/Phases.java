package io.kubenas.operator.status;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.kubenas.api.v1alpha1.Phase;

/** Phase names as users see them (the API's JSON values: Pending, Searching, ...). */
public final class Phases {
    private Phases() {
    }

    public static String display(Phase phase) {
        if (phase == null) {
            return "new";
        }
        try {
            return Phase.class.getField(phase.name()).getAnnotation(JsonProperty.class).value();
        } catch (NoSuchFieldException e) {
            return phase.name();
        }
    }
}
