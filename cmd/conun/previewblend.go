package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/conun/conun/tiler"
)

// errNoBlender means a .blend preview found no Blender to run.
var errNoBlender = errors.New("no Blender on this machine")

// workbenchPreview draws a .blend's frames with the host's Blender and its
// Workbench engine (solid shading, no path tracing: seconds a frame on a
// CPU, not minutes) into dir as frame_NNNN.png, and returns the files in
// frame order. frames and size override the scene's own when not zero.
// The scene is the user's own, on their machine; Blender still runs with
// -Y, so a scene's embedded scripts do not run.
func workbenchPreview(ctx context.Context, binary, scene, dir string, frames tiler.Frames, size tiler.Resolution, progress io.Writer) ([]string, error) {
	bin, err := exec.LookPath(binary)
	if err != nil {
		return nil, fmt.Errorf("%w (%v): install Blender (apt-get install blender) or name it with --blender", errNoBlender, err)
	}
	var py strings.Builder
	py.WriteString("import bpy\ns = bpy.context.scene\ns.render.engine = 'BLENDER_WORKBENCH'\n")
	py.WriteString("s.render.image_settings.file_format = 'PNG'\ns.render.image_settings.color_depth = '8'\n")
	if size.Width > 0 {
		fmt.Fprintf(&py, "s.render.resolution_x = %d\ns.render.resolution_y = %d\ns.render.resolution_percentage = 100\n", size.Width, size.Height)
	}
	if frames.Step > 0 { // given: the zero Frames is the scene's own range (which may start at 0)
		fmt.Fprintf(&py, "s.frame_start = %d\ns.frame_end = %d\ns.frame_step = %d\n", frames.Start, frames.End, max(frames.Step, 1))
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, bin, "-b", "-Y", scene, "--python-expr", py.String(),
		"-o", filepath.Join(abs, "frame_####"), "-F", "PNG", "-x", "1", "-a")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	// Blender prints its errors on stdout mostly; stderr is copied by
	// exec's own goroutine, so it gets a buffer of its own.
	var tail, errTail strings.Builder
	cmd.Stderr = &errTail
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	var saved []string
	sc := bufio.NewScanner(out)
	began := time.Now()
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "Saved: '"); ok {
			p := strings.TrimSuffix(rest, "'")
			saved = append(saved, p)
			fmt.Fprintf(progress, "preview: %s drawn by Blender Workbench in %v\n", filepath.Base(p), time.Since(began).Round(time.Millisecond))
			began = time.Now()
		} else {
			tail.WriteString(line + "\n")
		}
	}
	err = cmd.Wait() // after it, errTail is whole
	why := lastLines(tail.String()+errTail.String(), 5)
	if err != nil {
		return nil, fmt.Errorf("blender workbench preview of %s: %w: %s", filepath.Base(scene), err, why)
	}
	if len(saved) == 0 {
		return nil, fmt.Errorf("blender workbench preview of %s wrote no frames: %s", filepath.Base(scene), why)
	}
	return saved, nil
}

// lastLines returns s's last n non-empty lines, joined by " | ".
func lastLines(s string, n int) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, strings.TrimSpace(l))
		}
	}
	return strings.Join(lines[max(0, len(lines)-n):], " | ")
}
