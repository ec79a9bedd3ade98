package sandbox

import "github.com/conun/conun/renderer/pathtracer"

// ProjectVersion is the conun version the sandbox images are tagged with.
// images/build.sh reads it from this line, so the node looks for exactly the
// images the script builds; bump it when the images' contents change.
const ProjectVersion = "0.1.0-dev"

// BlenderVersion is the version of Debian bookworm's blender package in the
// Blender image; images/build.sh checks the installed package against it.
const BlenderVersion = "3.4.1"

// PathTracerImage is the tag images/build.sh gives the path tracer's image:
// the project version and the path tracer's own version, whose pixels it
// renders.
func PathTracerImage() string {
	return "conun-pathtracer:" + ProjectVersion + "-" + pathtracer.New(pathtracer.DefaultConfig()).Version()
}

// BlenderImage is the tag images/build.sh gives the Blender image.
func BlenderImage() string {
	return "conun-blender:" + ProjectVersion + "-blender-" + BlenderVersion
}
