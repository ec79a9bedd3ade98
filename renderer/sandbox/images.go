package sandbox

import (
	"github.com/conun/conun/renderer/pathtracer"
	"github.com/conun/conun/renderer/sandbox/internal/ptproto"
)

// ProjectVersion is the conun version the sandbox images are tagged with.
// images/build.sh reads it from this line, so the node looks for exactly the
// images the script builds; bump it when the images' contents change.
const ProjectVersion = "0.1.0-dev.2"

// BlenderVersion is the version of Debian bookworm's blender package in the
// Blender image; images/build.sh checks the installed package against it.
const BlenderVersion = "3.4.1"

// Blender4Version is the version of Debian trixie's blender package, built
// into a second image (images/build.sh blender4) so the backend is proven on
// Blender 4.x too; a node runs it with --blender-version.
const Blender4Version = "4.3.2"

// Blender5Version is the version of Debian sid's blender package, built into
// a third image (images/build.sh blender5): what artists save .blend files
// with today.
const Blender5Version = "5.2.2"

// PathTracerImage is the tag images/build.sh gives the path tracer's image:
// the project version, the path tracer's own version, whose pixels it
// renders, and the version of the protocol its ptrender speaks.
func PathTracerImage() string {
	return "conun-pathtracer:" + ProjectVersion + "-" + pathtracer.New(pathtracer.DefaultConfig()).Version() + "-p" + ptproto.Version
}

// BlenderImage is the tag images/build.sh gives the default Blender image.
func BlenderImage() string { return BlenderImageFor(BlenderVersion) }

// BlenderImageFor is the tag images/build.sh gives the image holding that
// Blender version.
func BlenderImageFor(version string) string {
	return "conun-blender:" + ProjectVersion + "-blender-" + version
}
