package pods

import (
	"fmt"
	"path/filepath"

	"github.com/distribution/reference"

	"kubenas.io/test-cluster/kubelet/config"
	"kubenas.io/test-cluster/kubelet/imagefs"
)

// imageError carries the waiting reason a real kubelet shows for an image problem.
type imageError struct {
	reason string // ErrImagePull, InvalidImageName
	msg    string
}

func (e *imageError) Error() string { return e.msg }

// image is what a container runs: a local launcher (config.Image's program and files), or a built image whose
// layers are unpacked into RootFS, with its configuration (entrypoint, cmd, env, working directory) in Image and
// its USER in User.
type image struct {
	config.Image
	RootFS string
	User   string
}

// resolveImage validates the reference like the kubelet (docker reference grammar) and maps it to its local launcher
// or built image; "pulling" an unmapped image, or one whose tarball cannot be read or unpacked, fails the way a
// registry miss does.
func resolveImage(cfg *config.Config, ref string) (image, error) {
	if _, err := reference.ParseNormalizedNamed(ref); err != nil {
		return image{}, &imageError{reason: "InvalidImageName",
			msg: fmt.Sprintf("Failed to apply default image tag %q: couldn't parse image name %q: %v", ref, ref, err)}
	}
	img, ok := cfg.LookupImage(ref)
	if !ok {
		return image{}, &imageError{reason: "ErrImagePull", msg: fmt.Sprintf("no local launcher for image %s", ref)}
	}
	if img.Tarball == "" {
		return image{Image: img}, nil
	}
	// The first container of an image unpacks it (seconds for kubenas' images); the others reuse that root.
	root, built, err := imagefs.Shared(filepath.Join(cfg.StateDir, "images")).RootFS(img.Tarball)
	if err != nil {
		return image{}, &imageError{reason: "ErrImagePull", msg: fmt.Sprintf("image %s: %v", ref, err)}
	}
	return image{
		Image: config.Image{Entrypoint: built.Config.Entrypoint, Cmd: built.Config.Cmd, WorkingDir: built.Config.WorkingDir,
			Env: built.Config.EnvMap()},
		RootFS: root,
		User:   built.Config.User,
	}, nil
}
