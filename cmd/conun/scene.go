package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/blender"
	"github.com/conun/conun/renderer/pathtracer"
	"github.com/conun/conun/renderer/sandbox"
	"github.com/conun/conun/scenes"
)

// sceneArg is a scene named on the command line: a bundled scene's name or a
// file path.
type sceneArg struct {
	name string // file name, with the extension that picks the renderer
	data []byte
	path string // the file on disk; empty for bundled scenes until written
}

// loadScene resolves a bundled scene name or a .gltf/.glb path.
func loadScene(arg string) (sceneArg, error) {
	if !strings.ContainsAny(arg, `/\`) {
		for _, name := range []string{arg + ".glb", arg} {
			if data, ok := scenes.Bytes(name); ok {
				return sceneArg{name: name, data: data}, nil
			}
		}
	}
	data, err := os.ReadFile(arg)
	if errors.Is(err, fs.ErrNotExist) && !strings.ContainsAny(arg, `./\`) {
		return sceneArg{}, fmt.Errorf("%w: scene %q is neither a bundled scene (%s) nor a file", errUsage, arg, strings.Join(bundledNames(), ", "))
	}
	if err != nil {
		return sceneArg{}, fmt.Errorf("scene: %w", err)
	}
	return sceneArg{name: filepath.Base(arg), data: data, path: arg}, nil
}

// rendererFor picks the backend for a scene file by its extension. The
// caller closes it when done (closeRenderer): a Blender backend keeps a warm
// Blender process per scene.
func rendererFor(name string, bo blenderOpts) (renderer.Renderer, error) {
	kind, err := kindFor(name)
	if err != nil {
		return nil, err
	}
	return newRenderer(kind, nil, bo)
}

// kindFor names the backend for a scene file's extension.
func kindFor(name string) (string, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".gltf", ".glb":
		return "pathtracer", nil
	case ".blend":
		return "blender", nil
	}
	return "", fmt.Errorf("%s: unknown scene type %q: want .gltf, .glb or .blend", name, filepath.Ext(name))
}

// blenderOpts are a command's Blender settings, from its flags: each run
// of a command gets its own (the tests run many in one process).
type blenderOpts struct {
	// Binary is the Blender used by the blender backend: --blender, or
	// "blender" on PATH; Device is the Cycles device it renders on.
	Binary, Device string
	// Strict refuses scenes that would read any file but themselves: a
	// node renders strangers' scenes, which must never reach into its
	// disk (submit packs a scene's files in).
	Strict bool
	// Version, when set (--blender-version), picks the Blender the sandbox
	// runs: the image sandbox.BlenderImageFor(Version).
	Version string
	// GPUs is which GPUs the sandbox passes into a GPU render's container
	// (a node's --gpus).
	GPUs sandbox.GPUs
}

// defaultBlender is Debian's Blender on PATH, rendering on the CPU.
func defaultBlender() blenderOpts { return blenderOpts{Binary: "blender", Device: "CPU"} }

// addBlenderFlag registers --blender on fs, with what it is for.
func addBlenderFlag(fs *flag.FlagSet, bo *blenderOpts, usage string) {
	fs.StringVar(&bo.Binary, "blender", bo.Binary, usage)
}

// addBlenderVersionFlag registers --blender-version, for the commands that
// render in the sandbox.
func addBlenderVersionFlag(fs *flag.FlagSet, bo *blenderOpts) {
	fs.StringVar(&bo.Version, "blender-version", "", fmt.Sprintf(
		"render .blend scenes with Blender `X.Y.Z` from the sandbox image %s (needs --sandbox docker); "+
			"`make images` builds %s (the default), %s and %s",
		sandbox.BlenderImageFor("X.Y.Z"), sandbox.BlenderVersion, sandbox.Blender4Version, sandbox.Blender5Version))
}

var versionPattern = regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+$`)

// newRenderer builds a backend by name, inside the Docker sandbox when sb
// is not nil.
func newRenderer(kind string, sb *sandbox.Sandbox, bo blenderOpts) (renderer.Renderer, error) {
	switch kind {
	case "pathtracer":
		if sb != nil {
			return sb.PathTracer(pathtracer.DefaultConfig()), nil
		}
		return pathtracer.New(pathtracer.DefaultConfig()), nil
	case "blender":
		cfg := blender.DefaultConfig()
		cfg.Binary, cfg.Device, cfg.RequirePacked = bo.Binary, bo.Device, bo.Strict
		if sb != nil {
			r, err := sb.Blender(cfg)
			if err != nil {
				return nil, fmt.Errorf("sandboxed blender backend: %w", err)
			}
			// The probe says what the image really holds: a tag is only a
			// name.
			if bo.Version != "" && !strings.HasPrefix(r.Version(), "blender-"+bo.Version+"/") {
				r.Close()
				return nil, fmt.Errorf("--blender-version %s: image %s runs %s; rebuild it (renderer/sandbox/images/build.sh --force)", bo.Version, sb.Config().BlenderImage, r.Version())
			}
			return r, nil
		}
		r, err := blender.New(cfg)
		if err != nil {
			return nil, fmt.Errorf("blender backend: %w (install Debian's blender package, or pass --blender PATH)", err)
		}
		return r, nil
	}
	return nil, fmt.Errorf("%w: unknown renderer %q (have: pathtracer, blender, gl)", errUsage, kind)
}

// wrapRenderer, when set, wraps every backend a node builds. Only tests
// set it (to slow a node down so it surely holds a lease when they kill it).
var wrapRenderer func(renderer.Renderer) renderer.Renderer

// closeRenderer releases what a backend holds (warm processes).
func closeRenderer(r renderer.Renderer) {
	if c, ok := r.(io.Closer); ok {
		c.Close()
	}
}

// file returns a path to the scene on disk, writing bundled scenes to a
// temporary file; cleanup removes it.
func (s sceneArg) file() (path string, cleanup func(), err error) {
	if s.path != "" {
		return s.path, func() {}, nil
	}
	dir, err := os.MkdirTemp("", "conun-scene-")
	if err != nil {
		return "", nil, err
	}
	p := filepath.Join(dir, s.name)
	if err := os.WriteFile(p, s.data, 0o644); err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	return p, func() { os.RemoveAll(dir) }, nil
}

// bundledNames lists the bundled scenes by the names users type.
func bundledNames() []string {
	var out []string
	for _, n := range scenes.Names() {
		out = append(out, strings.TrimSuffix(n, ".glb"))
	}
	return out
}

func runScenes(ctx context.Context, args []string, stdout io.Writer) error {
	for _, n := range scenes.Names() {
		fmt.Fprintf(stdout, "%-10s %s\n", strings.TrimSuffix(n, ".glb"), scenes.Describe(n))
	}
	return nil
}

// openSandbox connects to the Docker sandbox for mode "docker" (failing
// with how to fix it), for "auto" when an engine answers, and never for
// "none". It checks that the images of the given renderers exist. memory
// is each container's memory limit in bytes (0: the sandbox's default).
//
// --blender-version picks the sandbox's Blender image, so it needs the
// sandbox: with "none", or "auto" and no engine, it is an error rather than
// a render with another Blender than asked for.
//
// With bo.GPUs set, it asks the Engine whether it can pass GPUs in; when it
// cannot, the sandbox passes none and noGPU says why (a node warns and
// offers the CPU: failing each GPU task later would say it too late).
func openSandbox(ctx context.Context, mode, node string, bo blenderOpts, memory int64, kinds ...string) (sb *sandbox.Sandbox, noGPU, err error) {
	if bo.Version != "" && !versionPattern.MatchString(bo.Version) {
		return nil, nil, fmt.Errorf("%w: --blender-version %q: want a version such as %s", errUsage, bo.Version, sandbox.Blender4Version)
	}
	needBox := bo.Version != "" && slices.Contains(kinds, "blender")
	switch mode {
	case "none":
		if needBox {
			return nil, nil, fmt.Errorf("%w: --blender-version %s runs the Blender of a sandbox image: it needs --sandbox docker (to run another Blender unsandboxed, pass --blender PATH)", errUsage, bo.Version)
		}
		return nil, nil, nil
	case "docker", "auto":
	default:
		return nil, nil, fmt.Errorf("%w: --sandbox %q: want docker, none or auto", errUsage, mode)
	}
	cfg := sandbox.DefaultConfig()
	cfg.Node = node
	if memory > 0 {
		cfg.Memory = memory
	}
	if bo.Version != "" {
		cfg.BlenderImage = sandbox.BlenderImageFor(bo.Version)
	}
	cfg.GPUs = bo.GPUs
	sb, err = sandbox.New(cfg)
	if err == nil {
		var boxed []string
		for _, k := range kinds {
			if k == "pathtracer" || k == "blender" {
				boxed = append(boxed, k)
			}
		}
		err = sb.Check(ctx, boxed...)
		if err != nil {
			sb.Close()
		}
	}
	switch {
	case err == nil:
		if cfg.GPUs.None() {
			return sb, nil, nil
		}
		if noGPU = sb.CheckGPUs(ctx); noGPU == nil {
			return sb, nil, nil
		}
		sb.Close()
		cfg.GPUs = sandbox.GPUs{}
		sb, err = sandbox.New(cfg)
		return sb, noGPU, err
	case mode == "auto" && errors.Is(err, sandbox.ErrNoEngine) && !needBox:
		return nil, nil, nil
	}
	return nil, nil, err // it says "sandbox: ..." already
}

// packed returns the scene as one self-contained blob, as the farm ships
// it: a .blend gets its external files (textures, libraries) packed inside
// by Blender, or an error that lists the missing ones.
// packBlend reads the .blend at path with its external files packed in:
// what the desktop app uploads.
func packBlend(ctx context.Context, path string, bo blenderOpts) ([]byte, error) {
	s, err := loadScene(path)
	if err != nil {
		return nil, err
	}
	if s, err = s.packed(ctx, bo); err != nil {
		return nil, err
	}
	return s.data, nil
}

func (s sceneArg) packed(ctx context.Context, bo blenderOpts) (sceneArg, error) {
	if strings.ToLower(filepath.Ext(s.name)) != ".blend" {
		return s, nil
	}
	src, cleanup, err := s.file()
	if err != nil {
		return s, err
	}
	defer cleanup()
	dir, err := os.MkdirTemp("", "conun-packed-")
	if err != nil {
		return s, err
	}
	defer os.RemoveAll(dir)
	dst := filepath.Join(dir, s.name)
	if err := blender.Pack(ctx, blender.Config{Binary: bo.Binary}, src, dst); err != nil {
		return s, fmt.Errorf("pack %s: %w", s.name, err)
	}
	data, err := os.ReadFile(dst)
	if err != nil {
		return s, err
	}
	return sceneArg{name: s.name, data: data}, nil
}
