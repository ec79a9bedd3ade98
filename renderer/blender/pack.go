package blender

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
	m, err := runLaunch(ctx, cfg, "pack", Launch{Driver: driver, Scene: abs, OutDir: outDir, ArtistColour: true}, abs, out)
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
	return moveFile(out, dst)
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
