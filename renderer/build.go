package renderer

import (
	"strconv"
	"strings"
)

// Build is a renderer's build as a node advertises it (Renderer.Version):
// "blender-4.3.2/cycles-cpu-avx2+oidn+gl" is the release "blender-4.3.2",
// drawn on the device "cycles-cpu-avx2", with the features "oidn" (it can
// denoise) and "gl" (it can render Eevee). Backends write it and the
// scheduler and the spot checks read it through this one type, so the
// two sides cannot drift apart.
type Build struct {
	// Name and Version make the release: "blender" and "4.3.2". A build
	// without a '-' ("instant") is all Name.
	Name, Version string
	// Device says what draws the pixels ("cycles-cpu-avx2", "cycles-cuda");
	// "" where the backend does not say (the path tracer: the CPU).
	Device string
	// Features say what the node can take on, not how it draws.
	Features []string
}

// ParseBuild reads a build string; it never fails: a string it does not
// understand is a build of that name, with no version to compare.
func ParseBuild(s string) Build {
	var b Build
	head, feats, hasFeats := strings.Cut(s, "+")
	if hasFeats {
		b.Features = strings.Split(feats, "+")
	}
	release, device, _ := strings.Cut(head, "/")
	b.Device = device
	b.Name, b.Version, _ = strings.Cut(release, "-")
	return b
}

// String writes the build as ParseBuild reads it.
func (b Build) String() string {
	s := b.Drawn()
	for _, f := range b.Features {
		s += "+" + f
	}
	return s
}

// Release is the build without device and features ("blender-4.3.2"): a
// job's tiles all come from one release, since releases differ in nearly
// every pixel while builds of one release differ at most by float noise.
func (b Build) Release() string {
	if b.Version == "" {
		return b.Name
	}
	return b.Name + "-" + b.Version
}

// Drawn is the part of the build that decides its pixels: the release and
// device, without the features.
func (b Build) Drawn() string {
	if b.Device == "" {
		return b.Release()
	}
	return b.Release() + "/" + b.Device
}

// AtLeast reports whether the build's dotted version is min ("4.3") or
// newer, number by number ("4" is "4.0"). A build without such numbers is
// not known to be new enough.
func (b Build) AtLeast(min string) bool {
	if b.Version == "" {
		return false
	}
	have, want := strings.Split(b.Version, "."), strings.Split(min, ".")
	for i, w := range want {
		wn, err := strconv.Atoi(w)
		if err != nil {
			return false
		}
		hn := 0
		if i < len(have) {
			if hn, err = strconv.Atoi(have[i]); err != nil {
				return false
			}
		}
		if hn != wn {
			return hn > wn
		}
	}
	return true
}

// Has reports whether the build advertises a feature ("oidn", "gl").
func (b Build) Has(feature string) bool {
	for _, f := range b.Features {
		if f == feature {
			return true
		}
	}
	return false
}

// OnDevice reports whether the build renders on a device class ("CPU",
// "CUDA"): Blender's builds name it ("cycles-cuda"); builds that do not
// name one (the path tracer) run on the CPU.
func (b Build) OnDevice(device string) bool {
	if !strings.HasPrefix(b.Device, "cycles-") {
		return strings.EqualFold(device, "CPU")
	}
	return strings.HasPrefix(b.Device, "cycles-"+strings.ToLower(device))
}
