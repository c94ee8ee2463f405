// Package imagefs runs containers from real image tarballs: it reads an image tarball (an OCI image layout, as Jib's
// buildTar writes it, or `docker save`'s layout), unpacks its layers in order into one root file system per image
// (cached by the image's digest, whiteouts applied, nothing written outside the root), and gives the image's
// configuration (entrypoint, cmd, env, working directory, user) to the kubelet.
package imagefs

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
)

// Config is the part of an image's configuration a container runtime applies.
type Config struct {
	Entrypoint []string `json:"Entrypoint"`
	Cmd        []string `json:"Cmd"`
	Env        []string `json:"Env"`
	WorkingDir string   `json:"WorkingDir"`
	User       string   `json:"User"`
}

// Image is an image tarball's manifest and configuration; its layers stay in the tarball until unpacked.
type Image struct {
	Tarball string
	// Digest identifies the image: the manifest's digest (OCI layout) or the config's (docker save).
	Digest string
	Config Config
	// Layers are the tarball members holding the layers, in order (lowest first).
	Layers []string
}

type imageConfigFile struct {
	Config Config `json:"config"`
	RootFS struct {
		DiffIDs []string `json:"diff_ids"`
	} `json:"rootfs"`
}

type descriptor struct {
	MediaType string `json:"mediaType"`
	Digest    string `json:"digest"`
}

// maxMetadata bounds what is read into memory from the tarball (index, manifests, configs): real ones are a few KB.
const maxMetadata = 4 << 20

// Open reads an image tarball's manifest and configuration.
func Open(tarball string) (*Image, error) {
	meta, err := readMembers(tarball, func(name string, size int64) bool {
		return size <= maxMetadata && (name == "index.json" || name == "manifest.json" || strings.HasSuffix(name, ".json") ||
			strings.HasPrefix(name, "blobs/"))
	})
	if err != nil {
		return nil, err
	}
	img := &Image{Tarball: tarball}
	var cfgBytes []byte
	switch {
	case meta["index.json"] != nil:
		var index struct {
			Manifests []descriptor `json:"manifests"`
		}
		if err := json.Unmarshal(meta["index.json"], &index); err != nil {
			return nil, fmt.Errorf("%s: index.json: %v", tarball, err)
		}
		if len(index.Manifests) != 1 {
			return nil, fmt.Errorf("%s: index.json lists %d manifests; one image per tarball is supported", tarball, len(index.Manifests))
		}
		manifestBytes, err := blob(meta, index.Manifests[0].Digest)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", tarball, err)
		}
		var manifest struct {
			Config descriptor   `json:"config"`
			Layers []descriptor `json:"layers"`
		}
		if err := json.Unmarshal(manifestBytes, &manifest); err != nil {
			return nil, fmt.Errorf("%s: manifest: %v", tarball, err)
		}
		if cfgBytes, err = blob(meta, manifest.Config.Digest); err != nil {
			return nil, fmt.Errorf("%s: %v", tarball, err)
		}
		img.Digest = index.Manifests[0].Digest
		for _, l := range manifest.Layers {
			img.Layers = append(img.Layers, blobPath(l.Digest))
		}
	case meta["manifest.json"] != nil:
		var manifests []struct {
			Config string   `json:"Config"`
			Layers []string `json:"Layers"`
		}
		if err := json.Unmarshal(meta["manifest.json"], &manifests); err != nil {
			return nil, fmt.Errorf("%s: manifest.json: %v", tarball, err)
		}
		if len(manifests) != 1 {
			return nil, fmt.Errorf("%s: manifest.json lists %d images; one image per tarball is supported", tarball, len(manifests))
		}
		cfgBytes = meta[clean(manifests[0].Config)]
		if cfgBytes == nil {
			return nil, fmt.Errorf("%s: no config %s", tarball, manifests[0].Config)
		}
		sum := sha256.Sum256(cfgBytes)
		img.Digest = "sha256:" + hex.EncodeToString(sum[:])
		for _, l := range manifests[0].Layers {
			img.Layers = append(img.Layers, clean(l))
		}
	default:
		return nil, fmt.Errorf("%s: neither an OCI image layout (index.json) nor a docker save tarball (manifest.json)", tarball)
	}
	var cfg imageConfigFile
	if err := json.Unmarshal(cfgBytes, &cfg); err != nil {
		return nil, fmt.Errorf("%s: image config: %v", tarball, err)
	}
	if len(cfg.RootFS.DiffIDs) != len(img.Layers) {
		return nil, fmt.Errorf("%s: the config lists %d layers, the manifest %d", tarball, len(cfg.RootFS.DiffIDs), len(img.Layers))
	}
	img.Config = cfg.Config
	return img, nil
}

// EnvMap is the image's environment as a map (a later KEY wins, as in a process environment).
func (c Config) EnvMap() map[string]string {
	env := map[string]string{}
	for _, kv := range c.Env {
		k, v, _ := strings.Cut(kv, "=")
		env[k] = v
	}
	return env
}

// eachLayer calls fn with each layer's uncompressed tar stream, lowest first. The tarball is scanned once per layer:
// archive/tar seeks over the members it skips, so that is cheap, and no layer is held in memory.
func (img *Image) eachLayer(fn func(i int, layer io.Reader) error) error {
	for i, member := range img.Layers {
		found := false
		err := scan(img.Tarball, func(name string, _ int64, r io.Reader) (bool, error) {
			if name != member {
				return true, nil
			}
			found = true
			stream, err := decompress(r)
			if err != nil {
				return false, fmt.Errorf("layer %s: %v", member, err)
			}
			return false, fn(i, stream)
		})
		if err != nil {
			return err
		}
		if !found {
			return fmt.Errorf("%s: layer %s is listed but not in the tarball", img.Tarball, member)
		}
	}
	return nil
}

// decompress detects gzip by its magic bytes: OCI layers are usually gzipped, docker save's are plain tar.
func decompress(r io.Reader) (io.Reader, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	magic, err := br.Peek(2)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		return gzip.NewReader(br)
	}
	return br, nil
}

func readMembers(tarball string, want func(name string, size int64) bool) (map[string][]byte, error) {
	out := map[string][]byte{}
	err := scan(tarball, func(name string, size int64, r io.Reader) (bool, error) {
		if want(name, size) {
			data, err := io.ReadAll(r)
			if err != nil {
				return false, err
			}
			out[name] = data
		}
		return true, nil
	})
	return out, err
}

// scan walks the tarball's regular members; fn returns false to stop.
func scan(tarball string, fn func(name string, size int64, r io.Reader) (bool, error)) error {
	f, err := os.Open(tarball)
	if err != nil {
		return err
	}
	defer f.Close()
	tr := tar.NewReader(f)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %v", tarball, err)
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		more, err := fn(clean(h.Name), h.Size, tr)
		if err != nil || !more {
			return err
		}
	}
}

func blob(meta map[string][]byte, digest string) ([]byte, error) {
	data := meta[blobPath(digest)]
	if data == nil {
		return nil, fmt.Errorf("blob %s is not in the tarball", digest)
	}
	algo, want, _ := strings.Cut(digest, ":")
	if algo == "sha256" {
		sum := sha256.Sum256(data)
		if hex.EncodeToString(sum[:]) != want {
			return nil, fmt.Errorf("blob %s does not match its digest", digest)
		}
	}
	return data, nil
}

func blobPath(digest string) string {
	return "blobs/" + strings.Replace(digest, ":", "/", 1)
}

func clean(name string) string {
	return strings.TrimPrefix(path.Clean("/"+name), "/")
}
