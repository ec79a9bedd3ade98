// Package scenes holds the demo scenes bundled with conun: small,
// self-contained glTF binaries (.glb) that any node can render without
// fetching anything.
package scenes

import (
	"embed"
	"io/fs"
	"sort"
	"strings"
)

//go:generate go run ./internal/gen

//go:embed *.glb
var files embed.FS

// descriptions are the one-line summaries Describe returns.
var descriptions = map[string]string{
	"anim.glb":    "24-frame animation: a box slides across a checkered floor while the camera dollies (sun + sky)",
	"cornell.glb": "Cornell box: red and green walls, two white boxes, an emissive ceiling light",
	"spheres.glb": "gold, glass and clay spheres on a checkered plane, lit by a point light and the sky",
}

// Names returns the bundled scenes' file names, sorted.
func Names() []string {
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		return nil // cannot happen: the embedded root always exists
	}
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".glb") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}

// Bytes returns the contents of the bundled scene name (e.g. "cornell.glb"),
// and whether it exists. The slice is a fresh copy the caller may modify.
func Bytes(name string) ([]byte, bool) {
	if strings.ContainsAny(name, "/\\") {
		return nil, false
	}
	b, err := files.ReadFile(name)
	if err != nil {
		return nil, false
	}
	return append([]byte(nil), b...), true
}

// Describe returns a one-line description of the bundled scene name, or ""
// when there is no such scene.
func Describe(name string) string {
	return descriptions[name]
}
