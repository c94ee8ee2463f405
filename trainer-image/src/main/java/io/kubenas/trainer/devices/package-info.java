/**
 * Where a training step's forward and backward run. {@link io.kubenas.trainer.devices.GradientPass} runs
 * one batch along a path of a {@link io.kubenas.trainer.searchspace.Supernet} and leaves the gradient of the
 * batch's mean loss on that network's parameters: {@link io.kubenas.trainer.devices.SingleDevicePass} on the
 * network's own device, {@link io.kubenas.trainer.devices.DataParallelPass} split across replicas on several
 * devices (the spec asks for more than one GPU). The optimizers never see the difference.
 */
package io.kubenas.trainer.devices;
