package io.kubenas.operator.dependent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Matcher.Result;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.kubenas.api.progress.PodContract;
import io.kubenas.api.v1alpha1.DatasetSpec;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.NasSearchSpec;
import io.kubenas.api.v1alpha1.ResourcesSpec;
import io.kubenas.operator.config.OperatorSettings;
import io.kubenas.operator.policy.AttemptClassifier;
import io.kubenas.operator.policy.SpecDrift;
import io.kubenas.operator.policy.TrainerRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The trainer Job of the current attempt, {@code <name>-trainer-<attempt>}: the one place where the spec
 * becomes a trainer pod (image, resources, scheduling, queue, environment, volumes). A Job's pod template
 * is immutable, so after creation only {@code activeDeadlineSeconds} follows the spec (budget edits); a
 * lowered budget thereby makes Kubernetes stop the trainer gracefully. A queued Job's {@code suspend} is Kueue's. What the attempt started from
 * (usage before it, devices) is recorded in annotations of the Job and its pod, so the budget survives
 * operator restarts and Job deletion.
 */
@KubernetesDependent(informer = @Informer(labelSelector = SearchObjects.SELECT_TRAINER))
public class TrainerJobDependent extends KubernetesDependentResource<Job, NasSearch>
        implements Creator<Job, NasSearch>, Updater<Job, NasSearch>, GarbageCollected<NasSearch> {
    public static final String ANNOTATION_DEVICES = "kubenas.io/devices";
    public static final String ANNOTATION_DEVICE_SECONDS_BEFORE = "kubenas.io/device-seconds-before";
    public static final String ANNOTATION_WALL_SECONDS_BEFORE = "kubenas.io/wall-seconds-before";
    /** The spec the attempt's pod was made from ({@link SpecDrift#fingerprint}): edits since apply at the next attempt. */
    public static final String ANNOTATION_SPEC_FINGERPRINT = "kubenas.io/spec-fingerprint";

    public TrainerJobDependent() {
        super(Job.class);
    }

    @Override
    protected Job desired(NasSearch primary, Context<NasSearch> context) {
        ReconcilePlan plan = ReconcilePlan.of(context);
        TrainerRun run = plan.decision().trainer();
        if (run == null) {
            throw new IllegalStateException("no trainer attempt is wanted for " + plan.name());
        }
        NasSearch search = plan.search();
        NasSearchSpec spec = search.getSpec();
        OperatorSettings settings = plan.settings();
        String name = plan.name();

        Job job = Templates.load(Job.class, "trainer-job.yaml");
        job.setMetadata(SearchObjects.metadata(search, SearchObjects.trainerJob(name, run.attempt()), "trainer"));
        Map<String, String> labels = job.getMetadata().getLabels();
        labels.put(SearchObjects.LABEL_ATTEMPT, String.valueOf(run.attempt()));
        if (spec.getResources().getQueueName() != null) {
            labels.put(SearchObjects.LABEL_KUEUE_QUEUE, spec.getResources().getQueueName());
            // Created suspended, as Kueue asks of a queued Job (its webhook would suspend it too, where it is installed):
            // from here on spec.suspend is Kueue's alone, false to admit, true to take the quota back.
            job.getSpec().setSuspend(true);
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(ANNOTATION_DEVICES, String.valueOf(run.devices()));
        annotations.put(ANNOTATION_DEVICE_SECONDS_BEFORE, String.valueOf(run.before().deviceSeconds()));
        annotations.put(ANNOTATION_WALL_SECONDS_BEFORE, String.valueOf(run.before().wallSeconds()));
        annotations.put(ANNOTATION_SPEC_FINGERPRINT, SpecDrift.fingerprint(spec));
        job.getMetadata().setAnnotations(annotations);

        job.getSpec().setActiveDeadlineSeconds(run.deadlineSeconds());
        job.getSpec().setTtlSecondsAfterFinished((int) Math.min(Integer.MAX_VALUE, settings.finishedJobTtl().toSeconds()));
        ObjectMeta podMeta = new ObjectMeta();
        Map<String, String> podLabels = new LinkedHashMap<>(labels);
        podLabels.remove(SearchObjects.LABEL_KUEUE_QUEUE);
        podMeta.setLabels(podLabels);
        // On the pod too: its time can still be accounted after its Job is gone (suspend deletes the Job).
        podMeta.setAnnotations(new LinkedHashMap<>(annotations));
        job.getSpec().getTemplate().setMetadata(podMeta);

        PodSpec pod = job.getSpec().getTemplate().getSpec();
        ResourcesSpec resources = spec.getResources();
        pod.setServiceAccountName(SearchObjects.trainerAccount(name));
        pod.setTerminationGracePeriodSeconds(settings.terminationGracePeriod().toSeconds());
        pod.setPriorityClassName(resources.getPriorityClassName());
        pod.setNodeSelector(resources.getNodeSelector());
        pod.setTolerations(resources.getTolerations());
        pod.setAffinity(resources.getAffinity());
        volumeSources(pod, name);

        Container trainer = pod.getContainers().get(0);
        trainer.setImage(spec.getTrainerImage() != null ? spec.getTrainerImage() : settings.trainerImage());
        // The trainer's own deadline for its final checkpoint, inside the pod's grace period before SIGKILL.
        List<String> args = new ArrayList<>(trainer.getArgs());
        args.addAll(List.of("--grace-period", String.valueOf(trainerGraceSeconds(settings))));
        trainer.setArgs(args);
        trainer.setImagePullPolicy(settings.imagePullPolicy());
        trainer.setResources(requirements(resources, settings));
        List<EnvVar> env = new ArrayList<>(trainer.getEnv());
        env.add(new EnvVarBuilder().withName(PodContract.ENV_NAMESPACE)
                .withNewValueFrom().withNewFieldRef().withFieldPath("metadata.namespace").endFieldRef().endValueFrom().build());
        env.add(new EnvVar(PodContract.ENV_PROGRESS_CONFIGMAP, SearchObjects.progressConfigMap(name), null));
        env.add(new EnvVar(PodContract.ENV_ATTEMPT, String.valueOf(run.attempt()), null));
        env.add(new EnvVar(PodContract.ENV_CHILD_CONFIGMAPS, PodContract.childConfigMapPrefix(name), null));
        env.add(new EnvVar(PodContract.ENV_SEARCH_UID, primary.getMetadata().getUid(), null));
        env.add(new EnvVar(PodContract.ENV_DEVICE_SECONDS_USED, String.valueOf(run.before().deviceSeconds()), null));
        env.add(new EnvVar(PodContract.ENV_WALL_SECONDS_USED, String.valueOf(run.before().wallSeconds()), null));
        if (resources.getGpus() == null || resources.getGpus() == 0) {
            env.add(new EnvVar(PodContract.ENV_PYTORCH_LIBRARY_PATH, "", null)); // no GPU: the bundled CPU libtorch
        }
        datasetVolume(spec.getDataset(), pod, trainer);
        trainer.setEnv(env);
        PodExtras.apply(spec, settings, podMeta, pod, trainer);
        return job;
    }

    /** The Job of the current attempt, also when none is wanted (then it is the one to delete). */
    @Override
    protected ResourceID targetSecondaryResourceID(NasSearch primary, Context<NasSearch> context) {
        ReconcilePlan plan = ReconcilePlan.of(context);
        return new ResourceID(SearchObjects.trainerJob(plan.name(), plan.decision().currentAttempt()), primary.getMetadata().getNamespace());
    }

    /** Only the deadline is compared: the rest of a Job's spec is immutable and fixed at creation. */
    @Override
    public Result<Job> match(Job actual, NasSearch primary, Context<NasSearch> context) {
        Job desired = getOrComputeDesired(context);
        Long wanted = desired.getSpec().getActiveDeadlineSeconds();
        return Result.computed(wanted == null || Objects.equals(wanted, actual.getSpec().getActiveDeadlineSeconds()), desired);
    }

    @Override
    public Job update(Job actual, Job desired, NasSearch primary, Context<NasSearch> context) {
        Long deadline = desired.getSpec().getActiveDeadlineSeconds();
        return context.resourceOperations().resourcePatch(actual, job -> context.getClient().resource(job)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"activeDeadlineSeconds\":" + deadline + "}}"));
    }

    /**
     * Deleting a running Job stops its pod with the grace period: the trainer writes a final checkpoint. A
     * Job whose trainer has ended is left to its TTL, so the last attempt's pod and logs stay for inspection.
     */
    @Override
    protected void handleDelete(NasSearch primary, Job secondary, Context<NasSearch> context) {
        if (secondary != null && ReconcilePlan.of(context).trainerActive() && !AttemptClassifier.finished(secondary)) {
            context.getClient().resource(secondary).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        }
    }

    /** Seconds the trainer may spend on its final checkpoint: the pod's grace period less a margin to exit. */
    static long trainerGraceSeconds(OperatorSettings settings) {
        long grace = settings.terminationGracePeriod().toSeconds();
        return Math.max(1, grace - Math.min(10, grace / 10));
    }

    private static ResourceRequirements requirements(ResourcesSpec resources, OperatorSettings settings) {
        Map<String, Quantity> amounts = new LinkedHashMap<>();
        if (resources.getCpu() != null) {
            amounts.put("cpu", new Quantity(resources.getCpu()));
        }
        if (resources.getMemory() != null) {
            amounts.put("memory", new Quantity(resources.getMemory()));
        }
        if (resources.getGpus() != null && resources.getGpus() > 0) {
            String gpu = resources.getGpuResourceName() != null ? resources.getGpuResourceName() : settings.gpuResourceName();
            amounts.put(gpu, new Quantity(String.valueOf(resources.getGpus())));
        }
        ResourceRequirements requirements = new ResourceRequirements();
        // Requests equal limits: the budget counts whole devices, and a trainer should not be throttled.
        requirements.setRequests(amounts.isEmpty() ? null : new LinkedHashMap<>(amounts));
        requirements.setLimits(amounts.isEmpty() ? null : amounts);
        return requirements;
    }

    private static void volumeSources(PodSpec pod, String name) {
        for (Volume volume : pod.getVolumes()) {
            if (volume.getConfigMap() != null) {
                volume.getConfigMap().setName(SearchObjects.specConfigMap(name));
            }
            if (volume.getPersistentVolumeClaim() != null) {
                volume.getPersistentVolumeClaim().setClaimName(SearchObjects.checkpointClaim(name));
            }
        }
    }

    private static void datasetVolume(DatasetSpec dataset, PodSpec pod, Container trainer) {
        String claim = dataset.getImageFolder() != null ? dataset.getImageFolder().getClaimName()
                : dataset.getCifar10() != null ? dataset.getCifar10().getClaimName() : null;
        if (claim == null) {
            return;
        }
        pod.getVolumes().add(new VolumeBuilder().withName("dataset")
                .withNewPersistentVolumeClaim().withClaimName(claim).withReadOnly(true).endPersistentVolumeClaim().build());
        trainer.getVolumeMounts().add(new VolumeMountBuilder().withName("dataset").withMountPath(PodContract.DATASET_MOUNT).withReadOnly(true).build());
    }
}
