package blender

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
)

// Pack writes to dst a copy of the .blend at src with every external file
// it uses (images, libraries, volumes) packed inside, so that the scene
// travels as one self-contained blob and a node never reads its own disk
// for it. Missing files make a *SceneError that lists them. Blender runs
// with -Y: nothing in the scene executes.
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
	abs, err := filepath.Abs(src)
	if err != nil {
		return err
	}
	m, err := runDriver(ctx, cfg, driver, "pack", abs, dst)
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
	return nil
}
