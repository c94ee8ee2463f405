package io.kubenas.trainer.searchspace;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Hands a network's input to a short-lived scope, where every array derived from it is freed with the scope. */
public final class ScopedInput {
    private ScopedInput() {
    }

    /**
     * {@code array} on {@code device}, attached to {@code scope}: the array itself, temporarily (it goes back
     * to its own manager when the scope closes), or a copy owned by the scope when it lives on another device.
     */
    public static NDArray on(Device device, NDArray array, NDManager scope) {
        if (array.getDevice().equals(device)) {
            array.tempAttach(scope);
            return array;
        }
        NDArray copy = array.toDevice(device, true);
        copy.attach(scope);
        return copy;
    }
}
