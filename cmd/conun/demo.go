package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
)

func runDemo(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	nodes := fs.Int("nodes", 3, "number of in-process nodes")
	sceneName := fs.String("scene", "cornell", "bundled scene name or .gltf/.glb path")
	frames := fs.String("frames", "", "frames A-B[:step]; default the scene's own range")
	tiles := fs.String("tiles", "", tilesHelp)
	samples := fs.Int("samples", api.DefaultSamples, "samples per pixel")
	res := fs.String("res", api.DefaultResolution.String(), "resolution WxH")
	seed := fs.Uint64("seed", 0, "random seed")
	depth := fs.Int("depth", api.DefaultDepth, "bits per channel: 8 or 16 (PNG, TIFF; JPEG is 8)")
	format := fs.String("format", "png", "frame format: png, jpeg, tiff, or exr (linear 32-bit float OpenEXR)")
	out := fs.String("out", "demo-out", "output folder for frames and report.json")
	bo := defaultBlender()
	addBlenderFlag(fs, &bo, "Blender binary for .blend scenes")
	budget := tokensFlag(fs, "budget", "100", "tokens the requester locks in escrow for the job")
	noChain := fs.Bool("no-chain", false, "run without the simulated chain: nothing is paid")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, pos[0])
	}
	if *nodes < 1 || *nodes > 64 {
		return fmt.Errorf("%w: --nodes %d: must be between 1 and 64", errUsage, *nodes)
	}
	spec := api.JobSpec{Samples: *samples, Seed: *seed, Depth: *depth, Budget: *budget}
	if *noChain {
		spec.Budget = api.Tokens{}
	}
	if spec.Format, err = api.ParseFormat(*format); err != nil {
		return fmt.Errorf("%w: --format: %w", errUsage, err)
	}
	if spec.Resolution, err = tiler.ParseResolution(*res); err != nil {
		return fmt.Errorf("%w: --res: %w", errUsage, err)
	}
	if spec.Tiles, err = parseTiles(*tiles, spec.Resolution); err != nil {
		return err
	}
	scene, err := loadScene(*sceneName)
	if err != nil {
		return err
	}
	if scene, err = scene.packed(ctx, bo); err != nil {
		return err
	}
	var taken []string
	if spec, taken, _, err = completeSpec(ctx, spec, scene, *frames, visited(fs), bo); err != nil {
		return err
	}
	if len(taken) > 0 {
		fmt.Fprintf(stdout, "demo: the scene's own %s\n", strings.Join(taken, ", "))
	}

	fmt.Fprintf(stdout, "demo: %s, scene %s, frames %s, %s tiles, %s, %d spp, seed %d\n",
		api.Count(*nodes, "node"), scene.name, spec.Frames, spec.Tiles, spec.Resolution, spec.Samples, spec.Seed)
	bar := newProgress(stdout)
	var balances []api.WalletInfo
	rep, err := farm.RunDemo(ctx, farm.DemoConfig{
		Nodes: *nodes,
		NewRenderers: func() ([]renderer.Renderer, error) {
			r, err := rendererFor(scene.name, bo)
			return []renderer.Renderer{r}, err
		},
		// Nodes close their renderers when they stop.
		SceneName: scene.name,
		Scene:     scene.data,
		Spec:      spec,
		Out:       *out,
		Progress:  bar.event,
		Chain:     !*noChain,
		// Nodes ask different prices, as a real cluster's would.
		Prices:   []api.Tokens{api.MustTokens("0.05"), api.MustTokens("0.08"), api.MustTokens("0.1")},
		OnFinish: func(_ []*farm.Node, wallets []api.WalletInfo) { balances = wallets },
	})
	bar.end()
	if err != nil {
		return err
	}
	printNodeTable(stdout, rep)
	printSettlement(stdout, rep.Settlement)
	for i, w := range balances {
		if w.Connected {
			fmt.Fprintf(stdout, "  node-%d balance after claims: %s tokens\n", i+1, w.Balance)
		}
	}
	fmt.Fprintf(stdout, "job %s: %s, %s in %.2fs -> %s\n",
		rep.JobID, api.Count(len(rep.Frames), "frame"), api.Count(len(rep.Tasks), "task"), rep.WallSeconds, filepath.Join(*out, "report.json"))
	return nil
}

// printNodeTable prints who rendered how much of a job.
func printNodeTable(w io.Writer, rep api.Report) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "node\ttasks\trender s\tshare\t")
	total := 0
	for _, n := range rep.Nodes {
		total += n.Tasks
	}
	for _, n := range rep.Nodes {
		fmt.Fprintf(tw, "%s\t%d\t%.2f\t%.0f%%\t\n", n.Node, n.Tasks, n.Seconds, 100*float64(n.Tasks)/float64(max(total, 1)))
	}
	tw.Flush()
}
