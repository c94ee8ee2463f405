package io.kubenas.operator.dependent;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Matcher.Result;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.kubenas.api.v1alpha1.CheckpointSpec;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.VolumeAccessMode;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The checkpoint volume {@code <name>-checkpoints}: checkpoints and the exported child. It carries an
 * owner reference (deleted with its search) unless {@code spec.checkpoint.retainOnDelete} is true. A bound claim's
 * spec is immutable but for its size, which may grow: a larger {@code spec.checkpoint.storage.size} expands the claim
 * (its StorageClass must allow expansion; the API server's refusal shows in the Reconciled condition). The schema
 * rejects a changed class or access mode; a smaller size is left as it is and reported in SpecApplied.
 */
@KubernetesDependent(informer = @Informer(labelSelector = SearchObjects.SELECT_MANAGED))
public class CheckpointVolumeDependent extends KubernetesDependentResource<PersistentVolumeClaim, NasSearch>
        implements Creator<PersistentVolumeClaim, NasSearch>, Updater<PersistentVolumeClaim, NasSearch> {

    public CheckpointVolumeDependent() {
        super(PersistentVolumeClaim.class);
    }

    @Override
    protected PersistentVolumeClaim desired(NasSearch primary, Context<NasSearch> context) {
        NasSearch search = ReconcilePlan.of(context).search();
        CheckpointSpec checkpoint = search.getSpec().getCheckpoint();
        PersistentVolumeClaim claim = new PersistentVolumeClaimBuilder()
                .withMetadata(SearchObjects.metadata(search, SearchObjects.checkpointClaim(search.getMetadata().getName()), "checkpoints"))
                .withNewSpec()
                    .withAccessModes(accessMode(checkpoint.getStorage().getAccessMode()))
                    .withStorageClassName(checkpoint.getStorage().getStorageClassName())
                    .withNewResources().addToRequests("storage", new Quantity(checkpoint.getStorage().getSize())).endResources()
                .endSpec()
                .build();
        if (!Boolean.TRUE.equals(checkpoint.getRetainOnDelete())) {
            claim.getMetadata().setOwnerReferences(List.of(SearchObjects.ownerReference(primary)));
        }
        return claim;
    }

    /** Matches when the owner references agree and the claim is not smaller than asked: what may change after creation. */
    @Override
    public Result<PersistentVolumeClaim> match(PersistentVolumeClaim actual, NasSearch primary, Context<NasSearch> context) {
        PersistentVolumeClaim desired = getOrComputeDesired(context);
        return Result.computed(Objects.equals(owners(actual), owners(desired)) && !grows(actual, desired), desired);
    }

    @Override
    public PersistentVolumeClaim update(PersistentVolumeClaim actual, PersistentVolumeClaim desired, NasSearch primary, Context<NasSearch> context) {
        List<OwnerReference> owners = desired.getMetadata().getOwnerReferences();
        boolean grows = grows(actual, desired);
        Quantity size = size(desired);
        return context.resourceOperations().jsonPatch(actual, claim -> {
            claim.getMetadata().setOwnerReferences(owners);
            if (grows) {
                claim.getSpec().getResources().getRequests().put("storage", size);
            }
            return claim;
        });
    }

    private static boolean grows(PersistentVolumeClaim actual, PersistentVolumeClaim desired) {
        Quantity now = size(actual);
        return now != null && Quantity.getAmountInBytes(size(desired)).compareTo(Quantity.getAmountInBytes(now)) > 0;
    }

    /** The storage a claim requests (what it was created with or expanded to), or null when it says none. */
    public static Quantity size(PersistentVolumeClaim claim) {
        return claim.getSpec() == null || claim.getSpec().getResources() == null || claim.getSpec().getResources().getRequests() == null
                ? null : claim.getSpec().getResources().getRequests().get("storage");
    }

    private static Set<String> owners(PersistentVolumeClaim claim) {
        List<OwnerReference> refs = claim.getMetadata().getOwnerReferences();
        return refs == null ? Set.of() : refs.stream().map(OwnerReference::getUid).collect(Collectors.toSet());
    }

    private static String accessMode(VolumeAccessMode mode) {
        return switch (mode) {
            case READ_WRITE_MANY -> "ReadWriteMany";
            case READ_WRITE_ONCE_POD -> "ReadWriteOncePod";
            default -> "ReadWriteOnce";
        };
    }
}
