/**
 * The model runtime of the inference server: {@link io.kubenas.trainer.serve.model.ChildDirectoryLoader} verifies
 * and loads an exported child, {@link io.kubenas.trainer.serve.model.ChildNetworkBlocks} rebuilds its network, and
 * {@link io.kubenas.trainer.serve.model.ServedModel} runs it on DJL with a pool of workers.
 */
package io.kubenas.trainer.serve.model;
