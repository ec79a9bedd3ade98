package blender

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Pack writes to dst a copy of the .blend at src with every external file
// it uses (images, fonts, volumes, linked .blend libraries) packed inside,
// so that the scene travels as one self-contained blob and a node never
// reads its own disk for it. Missing files make a *SceneError that lists
// them, and so do files Blender cannot pack (caches, image sequences, a
// library's own resources), and a scene saved by a newer Blender than
// cfg's (which would lose data in the copy). Blender runs with -Y: nothing
// in the scene executes.
func Pack(ctx context.Context, cfg Config, src, dst string) error {
	if cfg.Binary == "" {
		cfg.Binary = DefaultConfig().Binary
	}
	dir, err := os.MkdirTemp("", "conun-pack-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	driver := filepath.Join(dir, "conun_driver.py")
	if err := os.WriteFile(driver, driverScript, 0o644); err != nil {
		return err
	}
	// Blender writes the copy into a directory of its own, the one
	// directory the run writes (see Launch), then it is moved to dst.
	outDir := filepath.Join(dir, "out")
	if err := os.Mkdir(outDir, 0o755); err != nil {
		return err
	}
	abs, err := filepath.Abs(src)
	if err != nil {
		return err
	}
	out := filepath.Join(outDir, filepath.Base(dst))
	m, output, err := runLaunchOutput(ctx, cfg, "pack", Launch{Driver: driver, Scene: abs, OutDir: outDir}, abs, out)
	if errors.Is(err, errNoAnswer) || err == nil && m.Fatal != "" && m.Scene {
		// Blender died on the file or could not load it: tell a newer
		// Blender's file apart, which an older Blender may crash on (3.4
		// on a 4.3 file) or call "not a blend file" (3.4 on 5.x's new
		// header), so that the user is told which Blender to pack with.
		if p, _, perr := runProbe(ctx, cfg, driver, false); perr == nil {
			if verr := checkBlendVersion(src, p.FileVersion, p.Version, "pack"); verr != nil {
				return verr
			}
		}
	}
	switch {
	case err != nil:
		return err
	case m.Fatal != "" && m.Scene:
		return &SceneError{Scene: src, Reason: m.Fatal}
	case m.Fatal != "":
		return fmt.Errorf("blender: pack %s: %s", src, m.Fatal)
	case !m.Done:
		return fmt.Errorf("blender: pack %s: unexpected answer %+v", src, m)
	}
	if replaced := colourReplaced(output, m.Sequencer); len(replaced) > 0 {
		return &SceneError{Scene: src, Reason: "colour management names Blender's own configuration has not (from a studio's OpenColorIO configuration, " +
			"the OCIO environment variable, where the scene was made?): " + strings.Join(replaced, "; ") + ": nodes render with Blender's own " +
			"configuration and would put its defaults in their place, as this pack did: choose names it has (start Blender without OCIO to see them)"}
	}
	return moveFile(out, dst)
}

// colourReplaced finds, in Blender's output on loading a scene, its
// warnings of colour management names its configuration has not, which
// it replaced with its defaults ("scene view "Studio" not found, setting
// default "Standard""): 3.4 and 4.3 write "Color management: ...", 5.x
// "color_management | WARNING ...". The sequencer's count only where the
// frame shows the sequencer. Every node renders with Blender's own
// configuration (start.go), so what the pack's Blender replaced, every
// node would: measured on 3.4, a studio's view transform, 9,210 values
// of a 64x48 frame.
func colourReplaced(output string, sequencer bool) []string {
	var out []string
	for _, l := range strings.Split(output, "\n") {
		_, what, ok := strings.Cut(l, "Color management: ")
		if !ok {
			_, what, ok = strings.Cut(l, "color_management | WARNING ")
		}
		what = strings.TrimRight(strings.TrimSpace(what), ".")
		if !ok || !strings.Contains(what, "not found") || !sequencer && strings.HasPrefix(what, "sequencer ") {
			continue
		}
		if !slices.Contains(out, what) {
			out = append(out, what)
		}
	}
	return out
}

// moveFile renames src to dst, copying where they are on different file
// systems.
func moveFile(src, dst string) error {
	if os.Rename(src, dst) == nil {
		return nil
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
