/**
 * Where a training step's forward and backward run. {@link io.kubenas.trainer.devices.GradientPass} runs
 * one batch of a {@link io.kubenas.trainer.searchspace.Supernet}, one shard per device and a path per shard,
 * and leaves the gradient of the batch's loss on that network's parameters: {@link io.kubenas.trainer.devices.SingleDevicePass} on the
 * network's own device, {@link io.kubenas.trainer.devices.DataParallelPass} split across replicas on several
 * devices (the spec asks for more than one GPU). The optimizers never see the difference. Which GPUs there are to
 * use is {@link io.kubenas.trainer.devices.VisibleGpus}, with the {@link io.kubenas.trainer.devices.LoadedLibtorch}
 * behind them.
 */
package io.kubenas.trainer.devices;
