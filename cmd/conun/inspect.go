package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/tiler"
)

func runInspect(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("inspect", flag.ContinueOnError)
	tiles := fs.String("tiles", "", "tile grid CxR the job would use; default as submit picks it for the scene's resolution")
	asJSON := fs.Bool("json", false, "print JSON")
	node := fs.String("node", "", "read the scene on this node (its API URL) with the node's own renderer, uploading it first (a .blend packed as submit packs it); default: read it here")
	token := envFlag(fs, "token", "CONUN_TOKEN", "node API token for --node (default from CONUN_TOKEN)", os.Getenv)
	bo := defaultBlender()
	addBlenderFlag(fs, &bo, "Blender binary that reads a .blend (and packs it for --node)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: want one scene: conun inspect SCENE", errUsage)
	}
	var grid *tiler.Grid
	if *tiles != "" {
		g, err := parseTiles(*tiles, api.DefaultResolution) // checked before Blender starts
		if err != nil {
			return err
		}
		grid = &g
	}
	scene, err := loadScene(pos[0])
	if err != nil {
		return err
	}
	var out api.Inspection
	if *node != "" {
		c := api.NewClient(*node)
		c.Token = token.Value()
		out, err = inspectOnNode(ctx, c, scene, grid, bo)
	} else {
		out, err = inspectHere(ctx, scene, grid, bo)
	}
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(stdout, out)
	}
	printInspection(stdout, out)
	return nil
}

// inspectHere reads scene with a renderer of this process.
func inspectHere(ctx context.Context, scene sceneArg, grid *tiler.Grid, bo blenderOpts) (api.Inspection, error) {
	rend, err := rendererFor(scene.name, bo)
	if err != nil {
		return api.Inspection{}, err
	}
	defer closeRenderer(rend)
	path, cleanup, err := scene.file()
	if err != nil {
		return api.Inspection{}, err
	}
	defer cleanup()
	info, err := rend.Inspect(ctx, path)
	if err != nil {
		return api.Inspection{}, err
	}
	kind, _ := kindFor(scene.name) // rendererFor took it
	return farm.DescribeScene(scene.name, kind, grid, info), nil
}

// inspectOnNode uploads scene (a .blend packed, as submit sends it) and
// has the node read it.
func inspectOnNode(ctx context.Context, c *api.Client, scene sceneArg, grid *tiler.Grid, bo blenderOpts) (api.Inspection, error) {
	scene, err := scene.packed(ctx, bo)
	if err != nil {
		return api.Inspection{}, err
	}
	hash, err := uploadScene(ctx, c, scene)
	if err != nil {
		return api.Inspection{}, err
	}
	return c.Inspect(ctx, api.InspectRequest{Scene: hash, SceneName: scene.name, Tiles: grid})
}

// printInspection writes an inspection for people.
func printInspection(w io.Writer, in api.Inspection) {
	i := in.Info
	fmt.Fprintf(w, "scene       %s\n", in.Scene)
	if in.Node != "" {
		fmt.Fprintf(w, "read by     node %s, with its %s\n", in.Node, in.Renderer)
	}
	fmt.Fprintf(w, "frames      %s at %g fps", tiler.Frames{Start: i.FrameStart, End: i.FrameEnd, Step: max(i.FrameStep, 1)}, i.FPS)
	if i.FrameStep > 1 {
		fmt.Fprintf(w, " (one frame in %d: the scene's frame step)", i.FrameStep)
	}
	fmt.Fprintln(w)
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
		if u.Engine != "" {
			fmt.Fprintf(w, "engine      %s\n", u.Engine)
		}
		fmt.Fprintf(w, "samples     %d (adaptive sampling %s), denoising %s\n", u.Samples, onOff(u.AdaptiveSampling), onOff(u.Denoise))
		fmt.Fprintf(w, "colour      %s, look %s\n", u.ViewTransform, cmp.Or(u.Look, "none"))
		fmt.Fprintf(w, "output      %s, %s, %s bits", u.FileFormat, cmp.Or(u.ColorMode, "?"), u.ColorDepth)
		if u.Dither != nil && u.ColorDepth == "8" {
			fmt.Fprintf(w, ", dither %g", *u.Dither) // the noise 8-bit frames are rounded with
		}
		if u.FileFormat == "OPEN_EXR_MULTILAYER" {
			if why := api.LayersRefusal(u, u.Denoise); why != "" {
				fmt.Fprintf(w, "; the farm writes single-layer OpenEXR, as %s", why)
			} else {
				fmt.Fprintf(w, "; the farm writes it: %s", api.LayersOutput(u))
			}
		}
		fmt.Fprintln(w)
		if len(u.Layers) > 0 && u.FileFormat == "OPEN_EXR_MULTILAYER" {
			fmt.Fprintf(w, "passes      %s", strings.Join(u.Layers, ", "))
			if len(u.LayerChannels) > 0 {
				fmt.Fprintf(w, " (%d channels in a frame)", api.LayerChannels(u))
			}
			fmt.Fprintln(w)
		}
		if u.Transparent {
			fmt.Fprintf(w, "film        transparent (its alpha is kept: each frame is finished whole from raw passes)\n")
		}
		if len(u.Stamp) > 0 {
			fmt.Fprintf(w, "stamp       %s\n", cmp.Or(api.StampWords(u), "burned in once over each frame ("+api.StampFields(u)+")"))
		}
		if r := api.BorderRegion(u.Border, u.CropToBorder, tiler.Resolution{Width: i.Width, Height: i.Height}); u.RenderRegion && r != nil {
			fmt.Fprintf(w, "region      %s\n", r)
		}
		fmt.Fprintf(w, "compositor  %s", onOff(u.Compositing))
		if u.Compositing {
			fmt.Fprintf(w, ", reads %s", strings.Join(u.Passes, ", "))
			if len(u.SpatialNodes) > 0 {
				fmt.Fprintf(w, "; whole-frame nodes: %s", strings.Join(u.SpatialNodes, ", "))
			}
		}
		if len(u.FileOutputs) > 0 {
			fmt.Fprintf(w, "; File Output nodes not run: %s", strings.Join(u.FileOutputs, ", "))
		}
		fmt.Fprintln(w)
		if len(u.ViewLayers) > 0 {
			fmt.Fprintf(w, "view layers %s\n", strings.Join(u.ViewLayers, ", "))
		}
		if u.MotionBlur || len(u.ScreenEffects) > 0 || u.Sequencer || u.Volumes {
			fmt.Fprintf(w, "also        motion blur %s, volumes %s, screen effects [%s], sequencer %s\n", onOff(u.MotionBlur), onOff(u.Volumes), strings.Join(u.ScreenEffects, " "), onOff(u.Sequencer))
		}
		for _, sim := range u.Simulations {
			fmt.Fprintf(w, "simulation  %s: bake it into the .blend to render on the farm\n", sim)
		}
		for _, d := range u.Scripts {
			fmt.Fprintf(w, "script      %s: nodes run no Python from scenes; use a simple expression or keyframes\n", d)
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

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}
