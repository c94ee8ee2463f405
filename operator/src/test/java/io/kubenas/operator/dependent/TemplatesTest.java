package io.kubenas.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.kubenas.api.progress.PodContract;
import org.junit.jupiter.api.Test;

class TemplatesTest {

    @Test
    void trainerJobTakesItsPathsFromThePodContract() {
        Container trainer = Templates.load(Job.class, "trainer-job.yaml").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(trainer.getName()).isEqualTo(PodContract.TRAINER_CONTAINER);
        assertThat(trainer.getArgs()).containsExactly("search", "--spec", PodContract.SPEC_FILE, "--workdir", PodContract.WORK_DIR);
        assertThat(trainer.getTerminationMessagePath()).isEqualTo(PodContract.TERMINATION_LOG);
        assertThat(trainer.getVolumeMounts()).extracting(VolumeMount::getName, VolumeMount::getMountPath)
                .contains(tuple("spec", PodContract.SPEC_DIR),
                        tuple("work", PodContract.WORK_DIR));
    }

    @Test
    void servingDeploymentMountsTheChildWhereThePodContractSays() {
        Container serve = Templates.load(Deployment.class, "serving-deployment.yaml").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(serve.getName()).isEqualTo(PodContract.SERVING_CONTAINER);
        assertThat(serve.getVolumeMounts()).filteredOn(m -> "child".equals(m.getName()))
                .extracting(VolumeMount::getMountPath).containsExactly(PodContract.CHILD_CONFIGMAPS_DIR);
    }
}
