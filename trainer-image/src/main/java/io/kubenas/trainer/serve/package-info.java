/**
 * The serve program: {@code kubenas serve --child DIR} ({@link io.kubenas.trainer.serve.ServeCommand}) serves an
 * exported child over the Open Inference Protocol (KServe v2) until SIGTERM. {@link io.kubenas.trainer.serve.ModelRegistry}
 * holds the model being served; {@code serve.http} is the HTTP side (resources, request parsing and validation,
 * error mapping, metrics, health); {@code serve.model} loads the child and runs it on DJL. The child's format is
 * {@link io.kubenas.trainer.child}.
 */
package io.kubenas.trainer.serve;
