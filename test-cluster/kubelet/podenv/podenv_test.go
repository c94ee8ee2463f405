package podenv

import (
	"strings"
	"testing"

	v1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

func TestExpand(t *testing.T) {
	vars := map[string]string{"A": "a", "B": "b"}
	lookup := func(k string) (string, bool) { v, ok := vars[k]; return v, ok }
	cases := map[string]string{
		"$(A)-$(B)":   "a-b",
		"$(MISSING)":  "$(MISSING)",
		"$$(A)":       "$(A)",
		"x$":          "x$",
		"$(A":         "$(A",
		"$A":          "$A",
		"p$(A)$(A)s":  "paas",
		"$$$$":        "$$",
		"no vars":     "no vars",
		"$(A)$$(B)$(": "a$(B)$(",
	}
	for in, want := range cases {
		if got := Expand(in, lookup); got != want {
			t.Errorf("Expand(%q) = %q, want %q", in, got, want)
		}
	}
}

type fakeSources struct {
	cms     map[string]*v1.ConfigMap
	secrets map[string]*v1.Secret
}

func (f fakeSources) ConfigMap(ns, name string) (*v1.ConfigMap, error) {
	if cm, ok := f.cms[name]; ok {
		return cm, nil
	}
	return nil, apierrors.NewNotFound(schema.GroupResource{Resource: "configmaps"}, name)
}

func (f fakeSources) Secret(ns, name string) (*v1.Secret, error) {
	if s, ok := f.secrets[name]; ok {
		return s, nil
	}
	return nil, apierrors.NewNotFound(schema.GroupResource{Resource: "secrets"}, name)
}

func testPod() *v1.Pod {
	return &v1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "p", Namespace: "ns", UID: "u-1", Labels: map[string]string{"app": "x"}},
		Spec: v1.PodSpec{NodeName: "node-a", ServiceAccountName: "default", Containers: []v1.Container{{
			Name: "main",
			Resources: v1.ResourceRequirements{
				Requests: v1.ResourceList{v1.ResourceCPU: resource.MustParse("250m"), v1.ResourceMemory: resource.MustParse("64Mi")},
			},
		}}},
	}
}

func TestEnvOrderAndSources(t *testing.T) {
	pod := testPod()
	c := &pod.Spec.Containers[0]
	opt := true
	c.EnvFrom = []v1.EnvFromSource{
		{Prefix: "CM_", ConfigMapRef: &v1.ConfigMapEnvSource{LocalObjectReference: v1.LocalObjectReference{Name: "cfg"}}},
		{SecretRef: &v1.SecretEnvSource{LocalObjectReference: v1.LocalObjectReference{Name: "gone"}, Optional: &opt}},
	}
	c.Env = []v1.EnvVar{
		{Name: "FOO", Value: "foo-$(CM_key)"},
		{Name: "BAR", Value: "$(FOO)/$(JAVA_HOME)"},
		{Name: "JAVA_HOME", Value: "/override"},
		{Name: "NODE", ValueFrom: &v1.EnvVarSource{FieldRef: &v1.ObjectFieldSelector{FieldPath: "spec.nodeName"}}},
		{Name: "APP", ValueFrom: &v1.EnvVarSource{FieldRef: &v1.ObjectFieldSelector{FieldPath: "metadata.labels['app']"}}},
		{Name: "IP", ValueFrom: &v1.EnvVarSource{FieldRef: &v1.ObjectFieldSelector{FieldPath: "status.podIP"}}},
		{Name: "MEM_MI", ValueFrom: &v1.EnvVarSource{ResourceFieldRef: &v1.ResourceFieldSelector{Resource: "limits.memory", Divisor: resource.MustParse("1Mi")}}},
		{Name: "CPU_REQ", ValueFrom: &v1.EnvVarSource{ResourceFieldRef: &v1.ResourceFieldSelector{Resource: "requests.cpu"}}},
		{Name: "PASS", ValueFrom: &v1.EnvVarSource{SecretKeyRef: &v1.SecretKeySelector{LocalObjectReference: v1.LocalObjectReference{Name: "s"}, Key: "pw"}}},
		{Name: "OPT", ValueFrom: &v1.EnvVarSource{ConfigMapKeyRef: &v1.ConfigMapKeySelector{LocalObjectReference: v1.LocalObjectReference{Name: "cfg"}, Key: "nope", Optional: &opt}}},
	}
	src := fakeSources{
		cms:     map[string]*v1.ConfigMap{"cfg": {Data: map[string]string{"key": "v", "bad key": "skipped"}}},
		secrets: map[string]*v1.Secret{"s": {Data: map[string][]byte{"pw": []byte("hunter2")}}},
	}
	ctx := &Context{Pod: pod, PodIPs: []string{"10.244.1.2"}, APIHost: "10.244.0.1", APIPort: 6443,
		Allocatable: v1.ResourceList{v1.ResourceMemory: resource.MustParse("16Gi")},
		ImageEnv:    map[string]string{"JAVA_HOME": "/jvm", "IMG": "1"}}
	env, _, err := Env(ctx, c, src)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		got[k] = v
	}
	want := map[string]string{
		"CM_key": "v", "FOO": "foo-v", "BAR": "foo-v/$(JAVA_HOME)", "JAVA_HOME": "/override", "IMG": "1",
		"NODE": "node-a", "APP": "x", "IP": "10.244.1.2", "MEM_MI": "16384", "CPU_REQ": "1", "PASS": "hunter2",
		"KUBERNETES_SERVICE_HOST": "10.244.0.1", "KUBERNETES_SERVICE_PORT": "6443", "HOSTNAME": "p",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	if _, ok := got["OPT"]; ok {
		t.Error("optional missing key should be skipped")
	}
	if _, ok := got["CM_bad key"]; ok {
		t.Error("invalid env names from envFrom should be skipped")
	}
}

func TestEnvConfigErrors(t *testing.T) {
	pod := testPod()
	c := &pod.Spec.Containers[0]
	c.Env = []v1.EnvVar{{Name: "X", ValueFrom: &v1.EnvVarSource{ConfigMapKeyRef: &v1.ConfigMapKeySelector{
		LocalObjectReference: v1.LocalObjectReference{Name: "cfg"}, Key: "k"}}}}
	_, _, err := Env(&Context{Pod: pod}, c, fakeSources{})
	if ce, ok := err.(*ConfigError); !ok || ce.Msg != `configmap "cfg" not found` {
		t.Fatalf("got %v", err)
	}
	_, _, err = Env(&Context{Pod: pod}, c, fakeSources{cms: map[string]*v1.ConfigMap{"cfg": {}}})
	if ce, ok := err.(*ConfigError); !ok || ce.Msg != "couldn't find key k in ConfigMap ns/cfg" {
		t.Fatalf("got %v", err)
	}
}

func TestArgv(t *testing.T) {
	vars := map[string]string{"X": "1"}
	ep, cmd := []string{"/ep"}, []string{"def"}
	cases := []struct {
		c    v1.Container
		want string
	}{
		{v1.Container{}, "/ep def"},
		{v1.Container{Args: []string{"a$(X)"}}, "/ep a1"},
		{v1.Container{Command: []string{"/bin/sh"}}, "/bin/sh"},
		{v1.Container{Command: []string{"/bin/sh"}, Args: []string{"-c", "$(X)"}}, "/bin/sh -c 1"},
	}
	for _, tc := range cases {
		if got := strings.Join(Argv(&tc.c, ep, cmd, vars), " "); got != tc.want {
			t.Errorf("got %q want %q", got, tc.want)
		}
	}
}

func TestFormatMapAndFields(t *testing.T) {
	if got := FormatMap(map[string]string{"b": "2", "a": `q"`}); got != "a=\"q\\\"\"\nb=\"2\"\n" {
		t.Errorf("got %q", got)
	}
	pod := testPod()
	if v, _ := FieldValue(pod, "status.podIPs", []string{"1.1.1.1", "::1"}, nil); v != "1.1.1.1,::1" {
		t.Errorf("got %q", v)
	}
	if _, err := FieldValue(pod, "spec.bogus", nil, nil); err == nil {
		t.Error("expected error")
	}
}
