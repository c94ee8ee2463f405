// Package config reads the process kubelet's YAML configuration, written by test-cluster/up.
package config

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"

	"k8s.io/apimachinery/pkg/api/resource"
	"sigs.k8s.io/yaml"
)

// Config is the whole file. Field names match the keys `up` writes; unknown keys are an error so that a
// typo in `up` fails loudly instead of silently running with defaults.
type Config struct {
	StateDir              string           `json:"stateDir"`
	APIServer             APIServer        `json:"apiServer"`
	Network               Network          `json:"network"`
	ProvisionerKubeconfig string           `json:"provisionerKubeconfig"`
	Storage               Storage          `json:"storage"`
	Nodes                 []Node           `json:"nodes"`
	Images                map[string]Image `json:"images"`
}

// APIServer is the address containers reach the API server at (there is no kube-proxy).
type APIServer struct {
	Host string `json:"host"`
	Port int    `json:"port"`
}

// Network describes the bridge all pod veths attach to and the pod address range.
type Network struct {
	Bridge  string `json:"bridge"`
	PodCIDR string `json:"podCIDR"`
}

// Storage configures the local-directory provisioner.
type Storage struct {
	Provisioner string `json:"provisioner"`
	Dir         string `json:"dir"`
}

// Node is one Node this process plays the kubelet for.
type Node struct {
	Name       string            `json:"name"`
	Kubeconfig string            `json:"kubeconfig"`
	Capacity   map[string]string `json:"capacity"`
	Labels     map[string]string `json:"labels"`
	Taints     []Taint           `json:"taints"`
}

// Taint mirrors v1.Taint's YAML shape without depending on the API types in the config format.
type Taint struct {
	Key    string `json:"key"`
	Value  string `json:"value,omitempty"`
	Effect string `json:"effect"`
}

// Image stands for a container image: the local program its ENTRYPOINT/CMD and ENV would be, and the
// directories its file system would hold.
type Image struct {
	Entrypoint []string          `json:"entrypoint"`
	Cmd        []string          `json:"cmd"`
	WorkingDir string            `json:"workingDir"`
	Env        map[string]string `json:"env"`
	// Files maps a path in the container to a host directory or file, bind-mounted read-only there (what the
	// image's layers would put at that path, e.g. /opt/kubenas: the packaged application). Programs then use
	// the image's own paths, which no pod volume can hide (a host path under /tmp would be hidden by an
	// emptyDir at /tmp).
	Files map[string]string `json:"files"`
	// Tarball is a built image instead: an image tarball (OCI image layout or `docker save`) whose layers the kubelet
	// unpacks into a root file system (once per image digest) and whose entrypoint, cmd, env, working directory and
	// user it applies; the container then runs chrooted into that root. Exclusive with the fields above.
	Tarball string `json:"tarball"`
}

// Load reads and validates a config file.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	c, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// Parse decodes and validates config YAML.
func Parse(data []byte) (*Config, error) {
	var c Config
	if err := yaml.UnmarshalStrict(data, &c); err != nil {
		return nil, err
	}
	if err := c.validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

func (c *Config) validate() error {
	if !filepath.IsAbs(c.StateDir) {
		return fmt.Errorf("stateDir must be an absolute path, got %q", c.StateDir)
	}
	if c.APIServer.Host == "" || c.APIServer.Port <= 0 {
		return fmt.Errorf("apiServer.host and apiServer.port are required")
	}
	if c.Network.Bridge == "" || len(c.Network.Bridge) > 15 {
		return fmt.Errorf("network.bridge must be 1..15 characters, got %q", c.Network.Bridge)
	}
	if _, err := c.Gateway(); err != nil {
		return err
	}
	if len(c.Nodes) == 0 {
		return fmt.Errorf("at least one node is required")
	}
	if len(c.Nodes) > 254 {
		return fmt.Errorf("at most 254 nodes fit in a /16 of /24s")
	}
	seen := map[string]bool{}
	for i, n := range c.Nodes {
		if n.Name == "" || n.Kubeconfig == "" {
			return fmt.Errorf("nodes[%d]: name and kubeconfig are required", i)
		}
		if seen[n.Name] {
			return fmt.Errorf("nodes[%d]: duplicate node name %q", i, n.Name)
		}
		seen[n.Name] = true
		for k, v := range n.Capacity {
			if _, err := resource.ParseQuantity(v); err != nil {
				return fmt.Errorf("node %s: capacity %s=%q: %v", n.Name, k, v, err)
			}
		}
		for _, t := range n.Taints {
			switch t.Effect {
			case "NoSchedule", "PreferNoSchedule", "NoExecute":
			default:
				return fmt.Errorf("node %s: taint %s has invalid effect %q", n.Name, t.Key, t.Effect)
			}
		}
	}
	for ref, img := range c.Images {
		if img.Tarball == "" {
			continue
		}
		if !filepath.IsAbs(img.Tarball) {
			return fmt.Errorf("images[%q].tarball must be an absolute path, got %q", ref, img.Tarball)
		}
		if len(img.Entrypoint) > 0 || len(img.Cmd) > 0 || img.WorkingDir != "" || len(img.Env) > 0 || len(img.Files) > 0 {
			return fmt.Errorf("images[%q]: a tarball image takes its entrypoint, cmd, env, workingDir and files from the image itself", ref)
		}
	}
	if c.Storage.Provisioner != "" && !filepath.IsAbs(c.Storage.Dir) {
		return fmt.Errorf("storage.dir must be an absolute path when storage.provisioner is set")
	}
	return nil
}

// podNet parses network.podCIDR, which must be an IPv4 /16 (node i gets the (i+1)-th /24 of it).
func (c *Config) podNet() (*net.IPNet, error) {
	_, n, err := net.ParseCIDR(c.Network.PodCIDR)
	if err != nil {
		return nil, fmt.Errorf("network.podCIDR: %v", err)
	}
	if ones, bits := n.Mask.Size(); bits != 32 || ones > 16 {
		return nil, fmt.Errorf("network.podCIDR must be an IPv4 network of /16 or larger, got %s", c.Network.PodCIDR)
	}
	return n, nil
}

// Gateway is the bridge's address: the first address of podCIDR, with podCIDR's prefix length.
func (c *Config) Gateway() (*net.IPNet, error) {
	n, err := c.podNet()
	if err != nil {
		return nil, err
	}
	ip := n.IP.To4()
	gw := net.IPv4(ip[0], ip[1], ip[2], ip[3]+1).To4()
	return &net.IPNet{IP: gw, Mask: n.Mask}, nil
}

// NodePodCIDR is node i's /24: the (i+1)-th /24 of podCIDR, so the gateway's /24 stays free.
func (c *Config) NodePodCIDR(i int) (*net.IPNet, error) {
	n, err := c.podNet()
	if err != nil {
		return nil, err
	}
	ip := n.IP.To4()
	base := uint32(ip[0])<<24 | uint32(ip[1])<<16 | uint32(ip[2])<<8
	base += uint32(i+1) << 8
	out := net.IPv4(byte(base>>24), byte(base>>16), byte(base>>8), 0).To4()
	return &net.IPNet{IP: out, Mask: net.CIDRMask(24, 32)}, nil
}

// LookupImage finds the launcher for an image reference: an exact key wins, then the longest
// "prefix*" key that matches.
func (c *Config) LookupImage(ref string) (Image, bool) {
	if img, ok := c.Images[ref]; ok {
		return img, true
	}
	best, bestLen, found := Image{}, -1, false
	for k, img := range c.Images {
		if !strings.HasSuffix(k, "*") {
			continue
		}
		prefix := strings.TrimSuffix(k, "*")
		if strings.HasPrefix(ref, prefix) && len(prefix) > bestLen {
			best, bestLen, found = img, len(prefix), true
		}
	}
	return best, found
}
