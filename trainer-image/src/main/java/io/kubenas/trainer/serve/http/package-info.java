/**
 * HTTP of the inference server: the KServe v2 resource ({@link io.kubenas.trainer.serve.http.InferenceResource}),
 * request parsing ({@link io.kubenas.trainer.serve.http.InferRequestParser}) and validation
 * ({@link io.kubenas.trainer.serve.http.InferRequestValidator}), error bodies
 * ({@link io.kubenas.trainer.serve.http.InferenceErrorMappers}), the body size limit, metrics and health checks.
 * It sees the model only through {@link io.kubenas.trainer.serve.model.ServedModel} and its
 * {@link io.kubenas.trainer.serve.model.ModelMetadata}.
 */
package io.kubenas.trainer.serve.http;
