package podenv

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"

	v1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
)

// Sources reads the objects env and volumes refer to (with the node's identity, in the kubelet).
type Sources interface {
	ConfigMap(namespace, name string) (*v1.ConfigMap, error)
	Secret(namespace, name string) (*v1.Secret, error)
}

// Context is what the kubelet knows about the pod's placement when a container starts.
type Context struct {
	Pod         *v1.Pod
	PodIPs      []string
	HostIPs     []string
	Allocatable v1.ResourceList
	APIHost     string
	APIPort     int
	ImageEnv    map[string]string
}

// ConfigError is a problem with the pod's configuration (a missing ConfigMap key, ...): the kubelet
// reports it as waiting reason CreateContainerConfigError and retries.
type ConfigError struct{ Msg string }

func (e *ConfigError) Error() string { return e.Msg }

var envName = regexp.MustCompile(`^[-._a-zA-Z][-._a-zA-Z0-9]*$`)

// Env resolves container c's environment in Kubernetes' order: the API server's service variables,
// envFrom, then env (each $(VAR)-expanded against what came before). The image's ENV comes first and
// is overridden by all of them, as a runtime merges them; HOSTNAME is the pod name.
// It returns the final environment (sorted KEY=VALUE) and the map that command/args expand against.
func Env(ctx *Context, c *v1.Container, src Sources) ([]string, map[string]string, error) {
	pod := ctx.Pod
	vars := map[string]string{}
	port := strconv.Itoa(ctx.APIPort)
	{
		// The `kubernetes` service's variables are always present (they are not "service links").
		url := fmt.Sprintf("tcp://%s:%s", ctx.APIHost, port)
		vars["KUBERNETES_SERVICE_HOST"] = ctx.APIHost
		vars["KUBERNETES_SERVICE_PORT"] = port
		vars["KUBERNETES_SERVICE_PORT_HTTPS"] = port
		vars["KUBERNETES_PORT"] = url
		vars["KUBERNETES_PORT_443_TCP"] = url
		vars["KUBERNETES_PORT_443_TCP_PROTO"] = "tcp"
		vars["KUBERNETES_PORT_443_TCP_PORT"] = port
		vars["KUBERNETES_PORT_443_TCP_ADDR"] = ctx.APIHost
	}
	for _, from := range c.EnvFrom {
		switch {
		case from.ConfigMapRef != nil:
			optional := from.ConfigMapRef.Optional != nil && *from.ConfigMapRef.Optional
			cm, err := src.ConfigMap(pod.Namespace, from.ConfigMapRef.Name)
			if err != nil {
				if apierrors.IsNotFound(err) && optional {
					continue
				}
				return nil, nil, configErr(err, "configmap", from.ConfigMapRef.Name)
			}
			for k, v := range cm.Data {
				if name := from.Prefix + k; envName.MatchString(name) {
					vars[name] = v
				}
			}
		case from.SecretRef != nil:
			optional := from.SecretRef.Optional != nil && *from.SecretRef.Optional
			s, err := src.Secret(pod.Namespace, from.SecretRef.Name)
			if err != nil {
				if apierrors.IsNotFound(err) && optional {
					continue
				}
				return nil, nil, configErr(err, "secret", from.SecretRef.Name)
			}
			for k, v := range s.Data {
				if name := from.Prefix + k; envName.MatchString(name) {
					vars[name] = string(v)
				}
			}
		}
	}
	lookup := func(name string) (string, bool) { v, ok := vars[name]; return v, ok }
	for _, e := range c.Env {
		if e.ValueFrom == nil {
			vars[e.Name] = Expand(e.Value, lookup)
			continue
		}
		v, skip, err := valueFrom(ctx, c, e.ValueFrom, src)
		if err != nil {
			return nil, nil, err
		}
		if !skip {
			vars[e.Name] = v
		}
	}
	final := map[string]string{}
	for k, v := range ctx.ImageEnv {
		final[k] = v
	}
	if _, ok := final["PATH"]; !ok {
		final["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
	}
	final["HOSTNAME"] = pod.Name
	for k, v := range vars {
		final[k] = v
	}
	out := make([]string, 0, len(final))
	for k, v := range final {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out, vars, nil
}

func configErr(err error, kind, name string) error {
	if apierrors.IsNotFound(err) {
		return &ConfigError{Msg: fmt.Sprintf("%s %q not found", kind, name)}
	}
	return err // transient (API unreachable...): the caller retries
}

func valueFrom(ctx *Context, c *v1.Container, from *v1.EnvVarSource, src Sources) (string, bool, error) {
	pod := ctx.Pod
	switch {
	case from.FieldRef != nil:
		v, err := FieldValue(pod, from.FieldRef.FieldPath, ctx.PodIPs, ctx.HostIPs)
		if err != nil {
			return "", false, &ConfigError{Msg: err.Error()}
		}
		return v, false, nil
	case from.ResourceFieldRef != nil:
		v, err := ResourceValue(pod, from.ResourceFieldRef, c.Name, ctx.Allocatable)
		if err != nil {
			return "", false, &ConfigError{Msg: err.Error()}
		}
		return v, false, nil
	case from.ConfigMapKeyRef != nil:
		ref := from.ConfigMapKeyRef
		optional := ref.Optional != nil && *ref.Optional
		cm, err := src.ConfigMap(pod.Namespace, ref.Name)
		if err != nil {
			if apierrors.IsNotFound(err) && optional {
				return "", true, nil
			}
			return "", false, configErr(err, "configmap", ref.Name)
		}
		if v, ok := cm.Data[ref.Key]; ok {
			return v, false, nil
		}
		if v, ok := cm.BinaryData[ref.Key]; ok {
			return string(v), false, nil
		}
		if optional {
			return "", true, nil
		}
		return "", false, &ConfigError{Msg: fmt.Sprintf("couldn't find key %s in ConfigMap %s/%s", ref.Key, pod.Namespace, ref.Name)}
	case from.SecretKeyRef != nil:
		ref := from.SecretKeyRef
		optional := ref.Optional != nil && *ref.Optional
		s, err := src.Secret(pod.Namespace, ref.Name)
		if err != nil {
			if apierrors.IsNotFound(err) && optional {
				return "", true, nil
			}
			return "", false, configErr(err, "secret", ref.Name)
		}
		if v, ok := s.Data[ref.Key]; ok {
			return string(v), false, nil
		}
		if optional {
			return "", true, nil
		}
		return "", false, &ConfigError{Msg: fmt.Sprintf("couldn't find key %s in Secret %s/%s", ref.Key, pod.Namespace, ref.Name)}
	}
	return "", true, nil
}

// Argv resolves the program to run: command replaces the image's entrypoint (and drops its cmd), args
// replace cmd; both are $(VAR)-expanded with the container's environment.
func Argv(c *v1.Container, entrypoint, cmd []string, vars map[string]string) []string {
	lookup := func(name string) (string, bool) { v, ok := vars[name]; return v, ok }
	var argv []string
	switch {
	case len(c.Command) > 0:
		argv = append(argv, expandAll(c.Command, lookup)...)
		argv = append(argv, expandAll(c.Args, lookup)...)
	case len(c.Args) > 0:
		argv = append(append(argv, entrypoint...), expandAll(c.Args, lookup)...)
	default:
		argv = append(append(argv, entrypoint...), cmd...)
	}
	return argv
}

func expandAll(in []string, lookup func(string) (string, bool)) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = Expand(s, lookup)
	}
	return out
}
