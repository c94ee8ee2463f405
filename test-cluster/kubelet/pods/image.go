package pods

import (
	"fmt"

	"github.com/distribution/reference"

	"kubenas.io/test-cluster/kubelet/config"
)

// imageError carries the waiting reason a real kubelet shows for an image problem.
type imageError struct {
	reason string // ErrImagePull, InvalidImageName
	msg    string
}

func (e *imageError) Error() string { return e.msg }

// resolveImage validates the reference like the kubelet (docker reference grammar) and maps it to its
// local launcher; "pulling" an unmapped image fails the way a registry miss does.
func resolveImage(cfg *config.Config, image string) (config.Image, error) {
	if _, err := reference.ParseNormalizedNamed(image); err != nil {
		return config.Image{}, &imageError{reason: "InvalidImageName",
			msg: fmt.Sprintf("Failed to apply default image tag %q: couldn't parse image name %q: %v", image, image, err)}
	}
	img, ok := cfg.LookupImage(image)
	if !ok {
		return config.Image{}, &imageError{reason: "ErrImagePull", msg: fmt.Sprintf("no local launcher for image %s", image)}
	}
	return img, nil
}
