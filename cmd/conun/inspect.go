package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
)

// inspection is what `conun inspect` reports: what the scene is set to and
// uses, and how a job of it would be split, or why it would be refused.
type inspection struct {
	Scene   string             `json:"scene"`
	Info    renderer.SceneInfo `json:"info"`
	Tiles   string             `json:"tiles"`
	Plan    *farm.FramePlan    `json:"plan,omitempty"`
	Split   string             `json:"split,omitempty"`
	Refused string             `json:"refused,omitempty"`
}

func runInspect(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("inspect", flag.ContinueOnError)
	tiles := fs.String("tiles", "", "tile grid CxR the job would use; default as submit picks it for the scene's resolution")
	asJSON := fs.Bool("json", false, "print JSON")
	bo := defaultBlender()
	addBlenderFlag(fs, &bo, "Blender binary that reads a .blend")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: want one scene: conun inspect SCENE", errUsage)
	}
	grid, err := parseTiles(*tiles, api.DefaultResolution) // checked before Blender starts
	if err != nil {
		return err
	}
	scene, err := loadScene(pos[0])
	if err != nil {
		return err
	}
	rend, err := rendererFor(scene.name, bo)
	if err != nil {
		return err
	}
	defer closeRenderer(rend)
	path, cleanup, err := scene.file()
	if err != nil {
		return err
	}
	defer cleanup()
	info, err := rend.Inspect(ctx, path)
	if err != nil {
		return err
	}
	if *tiles == "" && info.Width > 0 && info.Height > 0 {
		grid = api.DefaultTiles(tiler.Resolution{Width: info.Width, Height: info.Height})
	}
	out := inspection{Scene: scene.name, Info: info, Tiles: grid.String()}
	spec := specFor(scene.name, grid)
	if plan, err := farm.PlanFrames(spec, info); err != nil {
		out.Refused = strings.TrimPrefix(err.Error(), "bad job: ")
	} else {
		out.Plan, out.Split = &plan, plan.Describe(grid)
	}
	if *asJSON {
		return printJSON(stdout, out)
	}
	printInspection(stdout, out)
	return nil
}

// printInspection writes an inspection for people.
func printInspection(w io.Writer, in inspection) {
	i := in.Info
	fmt.Fprintf(w, "scene       %s\n", in.Scene)
	fmt.Fprintf(w, "frames      %d-%d at %g fps\n", i.FrameStart, i.FrameEnd, i.FPS)
	if i.Width > 0 {
		fmt.Fprintf(w, "resolution  %dx%d\n", i.Width, i.Height)
	}
	if i.MinVersion != "" {
		fmt.Fprintf(w, "saved by    %s (needs that version or newer)\n", i.MinVersion)
	}
	if i.Needs != "" {
		fmt.Fprintf(w, "needs       +%s of a node's renderer\n", i.Needs)
	}
	if u := i.Usage; u != nil {
		fmt.Fprintf(w, "samples     %d (adaptive sampling %s), denoising %s\n", u.Samples, onOff(u.AdaptiveSampling), onOff(u.Denoise))
		fmt.Fprintf(w, "colour      %s, look %s\n", u.ViewTransform, cmp.Or(u.Look, "none"))
		fmt.Fprintf(w, "output      %s, %s bits\n", u.FileFormat, u.ColorDepth)
		fmt.Fprintf(w, "compositor  %s", onOff(u.Compositing))
		if u.Compositing {
			fmt.Fprintf(w, ", reads %s", strings.Join(u.Passes, ", "))
			if len(u.SpatialNodes) > 0 {
				fmt.Fprintf(w, "; whole-frame nodes: %s", strings.Join(u.SpatialNodes, ", "))
			}
		}
		fmt.Fprintln(w)
		if len(u.ViewLayers) > 0 {
			fmt.Fprintf(w, "view layers %s\n", strings.Join(u.ViewLayers, ", "))
		}
		if u.MotionBlur || len(u.ScreenEffects) > 0 || u.Sequencer || u.Volumes {
			fmt.Fprintf(w, "also        motion blur %s, volumes %s, screen effects [%s], sequencer %s\n", onOff(u.MotionBlur), onOff(u.Volumes), strings.Join(u.ScreenEffects, " "), onOff(u.Sequencer))
		}
		for _, why := range u.WholeFrame {
			fmt.Fprintf(w, "whole only  %s: submit takes --tiles 1x1\n", why)
		}
	}
	if in.Refused != "" {
		fmt.Fprintf(w, "split       refused as %s tiles: %s\n", in.Tiles, in.Refused)
		return
	}
	fmt.Fprintf(w, "split       %s\n", in.Split)
}

// specFor is the part of a job spec PlanFrames reads.
func specFor(name string, grid tiler.Grid) api.JobSpec {
	return api.JobSpec{SceneName: name, Tiles: grid}
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}
