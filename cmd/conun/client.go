package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"image"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/dustin/go-humanize"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/flipbook"
	"github.com/conun/conun/farm/notifyurl"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/tiler"
)

// clientFlags are the flags every client command takes.
type clientFlags struct {
	node   *string
	token  *envString
	asJSON *bool
}

func addClientFlags(fs *flag.FlagSet) clientFlags {
	def := os.Getenv("CONUN_NODE")
	if def == "" {
		def = "http://127.0.0.1:8080"
	}
	return clientFlags{
		node:   fs.String("node", def, "node API URL (default from CONUN_NODE)"),
		token:  envFlag(fs, "token", "CONUN_TOKEN", "node API token, for nodes reachable from other machines (default from CONUN_TOKEN)", os.Getenv),
		asJSON: fs.Bool("json", false, "print JSON"),
	}
}

func (c clientFlags) client() *api.Client {
	cl := api.NewClient(*c.node)
	cl.Token = c.token.Value()
	return cl
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func runSubmit(ctx context.Context, args []string, stdout io.Writer) error {
	return submit(ctx, "submit", args, stdout)
}

// submit is conun submit, and conun estimate (submit --dry-run): the same
// flags, the same checks and the same spec, which an estimate sends to the
// node's estimate route instead of submitting it.
func submit(ctx context.Context, name string, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	cf := addClientFlags(fs)
	dryRun := new(bool)
	if name == "estimate" {
		*dryRun = true
	} else {
		dryRun = fs.Bool("dry-run", false, "estimate the jobs instead (conun estimate): render time, wall time and cost from sample crops; creates no job and locks no budget")
	}
	frames := fs.String("frames", "", "frames A-B[:step]; default the scene's own range")
	tiles := fs.String("tiles", "", tilesHelp)
	samples := fs.Int("samples", api.DefaultSamples, "samples per pixel; default the scene's own")
	res := fs.String("res", api.DefaultResolution.String(), "resolution WxH; default the scene's own")
	seed := fs.Uint64("seed", 0, "random seed")
	region := fs.String("region", "", "render region x0,y0,x1,y1 in pixels (origin top-left, x1 and y1 excluded), or full for the whole frame; default the scene's own render region (Blender's border, cropped as the scene says)")
	depth := fs.Int("depth", api.DefaultDepth, "bits per channel: 8 or 16 (PNG, TIFF; JPEG is 8); default the scene's own")
	format := fs.String("format", "png", "frame format: png, jpeg, tiff, exr (linear 32-bit float OpenEXR), or exr-multilayer (every render pass and the composite, a Cycles scene); default the scene's own")
	quality := fs.Int("quality", 0, "JPEG quality, 1-100; default the scene's own (Blender's default is 90)")
	compression := fs.Int("compression", api.DefaultPNGCompression, "PNG compression, 0-100 as in Blender (0: none, fastest, largest files; 100: smallest); default the scene's own")
	budget := tokensFlag(fs, "budget", "0", "most tokens to spend on the job, exactly (e.g. 0.03: up to 18 decimals); 0 means no limit")
	verifyRate := fs.Float64("verify-rate", api.DefaultVerifyRate, "fraction of tasks spot-checked, 0 to 1")
	maxPrice := tokensFlag(fs, "max-price", "0", "skip nodes asking more tokens than this per task; 0 means any")
	priority := fs.Int("priority", api.DefaultPriority, "job priority on its coordinator, -1000 to 1000; higher first")
	device := fs.String("device", "", "render only on nodes whose Blender uses this device: CPU, CUDA, OPTIX, HIP, METAL")
	denoise := fs.Bool("denoise", false, "denoise (Blender with OpenImageDenoise only; whole frames: --tiles 1x1); default the scene's own setting")
	rendererKind := fs.String("renderer", "", "renderer kind, e.g. gl or one offered by nodes through --renderer-cmd (needs --frames); or auto: for a glTF scene the coordinator picks pathtracer or gl, whichever its members render fastest (calibrated samples/s, measured once they rendered a few tasks, x free slots), fixed for the job; default by the scene's extension")
	bo := defaultBlender()
	addBlenderFlag(fs, &bo, "Blender binary that packs a .blend's files into it before upload (the scene's own Blender version or newer)")
	wait := fs.Bool("wait", false, "wait for the jobs and fetch their frames (a --preview job: until its preview is ready, exit code 4)")
	preview := fs.Bool("preview", false, "render an unpaid preview first (Blender's Workbench, gl-raster for glTF) and wait for conun approve JOB before the budget is locked")
	out := fs.String("out", "", "with --wait: folder for the frames (default ./JOBID; with several jobs, a folder per job inside)")
	flipFlags := addFlipFlags(fs, true)
	notify := fs.String("notify-url", "", "http(s) URL the node posts each job's end, settlement, pauses and resumes to, as signed JSON (README: Notifications)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return fmt.Errorf("%w: want a scene or one or more job manifests (.yaml, .json)", errUsage)
	}
	flip, err := flipFlags()
	if err != nil {
		return err
	}
	if *notify != "" {
		// The node decides which targets it posts to; the form is checked
		// here, before anything is uploaded.
		if _, err := notifyurl.Parse(*notify, true); err != nil {
			return fmt.Errorf("%w: --notify-url: %w", errUsage, err)
		}
	}
	flagSet := visited(fs)
	base := api.JobSpec{
		Samples: *samples, Seed: *seed, Depth: *depth, Quality: *quality, Budget: *budget, VerifyRate: *verifyRate,
		MaxPrice: *maxPrice, Priority: *priority, Denoise: *denoise, Device: strings.ToUpper(*device),
	}
	if base.Format, err = api.ParseFormat(*format); err != nil {
		return fmt.Errorf("%w: --format: %w", errUsage, err)
	}
	if flagSet("compression") {
		base.Compression = compression
	}
	if base.Resolution, err = tiler.ParseResolution(*res); err != nil {
		return fmt.Errorf("%w: --res: %w", errUsage, err)
	}
	if base.Tiles, err = parseTiles(*tiles, base.Resolution); err != nil {
		return err
	}
	if *region != "" && *region != "full" {
		r, err := tiler.ParseRegion(*region)
		if err != nil {
			return fmt.Errorf("%w: --region: %w", errUsage, err)
		}
		base.Region = &api.Region{X0: r.Min.X, Y0: r.Min.Y, X1: r.Max.X, Y1: r.Max.Y}
	}

	// Every job is checked before any is submitted: a typo in the third
	// manifest must not leave two jobs running.
	type item struct {
		scene sceneArg
		spec  api.JobSpec
		fps   float64 // the scene's own frame rate, 0 when unknown
	}
	var items []item
	for _, arg := range pos {
		spec, sceneRef, framesArg := base, arg, *frames
		given := flagSet
		if api.IsManifest(arg) {
			data, err := os.ReadFile(arg)
			if err != nil {
				return err
			}
			m, err := api.ParseManifest(arg, data)
			if err != nil {
				return err
			}
			if framesArg, err = m.Apply(&spec); err != nil {
				return fmt.Errorf("manifest %s: %w", arg, err)
			}
			sceneRef = m.Scene
			given = func(name string) bool { return flagSet(name) || m.Sets(name) }
			if _, bundled := scenes.Bytes(sceneRef + ".glb"); !bundled && !filepath.IsAbs(sceneRef) {
				sceneRef = filepath.Join(filepath.Dir(arg), sceneRef)
			}
		} else if len(pos) > 1 {
			return fmt.Errorf("%w: several arguments must all be manifests; %q is not", errUsage, arg)
		}
		scene, err := loadScene(sceneRef)
		if err != nil {
			return err
		}
		if scene, err = scene.packed(ctx, bo); err != nil {
			return err
		}
		var fps float64
		if *rendererKind != "" && *rendererKind != api.RendererAuto {
			spec, err = externalSpec(spec, scene, *rendererKind, framesArg)
		} else {
			var taken []string
			spec, taken, fps, err = completeSpec(ctx, spec, scene, framesArg, given, bo)
			if len(taken) > 0 && !*cf.asJSON {
				fmt.Fprintf(stdout, "%s: the scene's own %s\n", arg, strings.Join(taken, ", "))
			}
			if err == nil && *rendererKind == api.RendererAuto {
				spec, err = autoSpec(spec)
			}
		}
		if err != nil {
			return within(arg, err)
		}
		items = append(items, item{scene, spec, fps})
	}

	c := cf.client()
	if *dryRun {
		var ests []api.Estimate
		for _, it := range items {
			if it.spec.Scene, err = uploadScene(ctx, c, it.scene); err != nil {
				return err
			}
			est, err := c.Estimate(ctx, it.spec)
			if err != nil {
				return err
			}
			ests = append(ests, est)
			if !*cf.asJSON {
				printEstimate(stdout, it.scene.name, it.spec, est)
			}
		}
		if *cf.asJSON && len(ests) == 1 {
			return printJSON(stdout, ests[0])
		}
		if *cf.asJSON {
			return printJSON(stdout, ests)
		}
		return nil
	}
	var ids, notes []string
	for _, it := range items {
		if it.spec.Scene, err = uploadScene(ctx, c, it.scene); err != nil {
			return err
		}
		it.spec.Preview = *preview
		sub, err := c.SubmitWith(ctx, it.spec, api.SubmitOptions{NotifyURL: *notify})
		if err != nil {
			return err
		}
		id := sub.ID
		ids = append(ids, id)
		for _, n := range sub.Notes {
			if !slices.Contains(notes, n) { // the same for every job of a run
				notes = append(notes, n)
				// On stderr: a script reads the job's id from stdout.
				fmt.Fprintf(os.Stderr, "conun %s: note: %s\n", name, n)
			}
		}
		if !*wait && !*cf.asJSON {
			fmt.Fprintln(stdout, id)
			if *preview {
				fmt.Fprintf(stdout, "previewing: conun wait %s fetches the preview once it is ready; then conun approve %s (locks the budget) or conun reject %s\n", id, id, id)
			}
		}
	}
	if !*wait {
		if *cf.asJSON {
			out := map[string][]string{"ids": ids}
			if len(notes) > 0 {
				out["notes"] = notes
			}
			return printJSON(stdout, out)
		}
		return nil
	}
	var failed error
	for i, id := range ids {
		dir := *out
		switch {
		case dir == "":
			dir = id
		case len(ids) > 1:
			dir = filepath.Join(dir, id)
		}
		if !*cf.asJSON {
			fmt.Fprintf(stdout, "job %s submitted\n", id)
		}
		flip.sceneFPS = items[i].fps
		if err := waitJob(ctx, c, id, dir, flip, *cf.asJSON, stdout); err != nil {
			failed = err
		}
	}
	return failed
}

// autoSpec lets the coordinator pick a glTF job's tracer (api.RendererAuto)
// once the client checked the scene with its own CPU tracer: both tracers
// read the same glTF.
func autoSpec(spec api.JobSpec) (api.JobSpec, error) {
	if spec.Renderer != "pathtracer" {
		return spec, fmt.Errorf("%w: --renderer auto picks between the glTF tracers (pathtracer, gl), and %s is rendered by %s: leave out --renderer", errUsage, spec.SceneName, spec.Renderer)
	}
	spec.Renderer = api.RendererAuto
	return spec, nil
}

// takeScene takes the scene's own settings into spec for those the user
// did not give (api.JobSpec.TakeScene), with what the command line adds:
// a --region cropped as the scene crops its own, and tiles for the size
// the scene gave (its region's, or its frame's) unless it renders whole
// frames. It returns what it took, in words.
func takeScene(spec *api.JobSpec, info renderer.SceneInfo, given func(string) bool) []string {
	taken := spec.TakeScene(info, given)
	if r := spec.Region; r != nil && given("region") && info.Usage != nil {
		// A copy, as base's is shared by every manifest's spec.
		own := *r
		own.Crop = info.Usage.RenderRegion && info.Usage.CropToBorder
		spec.Region = &own
	}
	if r := spec.Region; r != nil && r.Rect() == spec.Resolution.Rect() {
		spec.Region = nil // the whole frame, as Blender renders a full border
	}
	whole := info.Usage != nil && len(info.Usage.WholeFrame) > 0 // TakeScene chose 1x1
	if !given("tiles") && !whole {
		a := spec.Area()
		spec.Tiles = api.DefaultTiles(tiler.Resolution{Width: a.Dx(), Height: a.Dy()})
	}
	for i, w := range taken {
		if w == "denoising" {
			taken[i] = "denoising (--denoise=false renders without it)"
		}
	}
	return taken
}

// externalSpec fills a spec for a renderer this process does not run (an
// external one offered by nodes): the frames must be named.
func externalSpec(spec api.JobSpec, scene sceneArg, kind, framesArg string) (api.JobSpec, error) {
	if framesArg == "" {
		return spec, fmt.Errorf("%w: --renderer %s: name the frames (--frames A-B)", errUsage, kind)
	}
	var err error
	if spec.Frames, err = tiler.ParseFrames(framesArg); err != nil {
		return spec, fmt.Errorf("%w: frames: %w", errUsage, err)
	}
	spec.Renderer, spec.SceneName = kind, scene.name
	var nonce [8]byte
	rand.Read(nonce[:])
	spec.Nonce = fmt.Sprintf("%x", nonce)
	return spec, nil
}

// completeSpec picks the renderer for the scene, reads the scene and takes
// its own settings (frame range, resolution, samples, denoising, output
// format and depth) for every one the user did not give (given names the
// flags and manifest fields that were), so what the artist set up is what
// runs; it returns what it took, for the user to see, and the scene's
// frame rate (0 when it has none), for a video of the frames. A nonce
// makes each submission its own job.
func completeSpec(ctx context.Context, spec api.JobSpec, scene sceneArg, framesArg string, given func(string) bool, bo blenderOpts) (api.JobSpec, []string, float64, error) {
	rend, err := rendererFor(scene.name, bo)
	if err != nil {
		return spec, nil, 0, err
	}
	defer closeRenderer(rend)
	spec.Renderer, spec.SceneName = rend.Name(), scene.name
	path, cleanup, err := scene.file()
	if err != nil {
		return spec, nil, 0, err
	}
	info, err := rend.Inspect(ctx, path)
	cleanup()
	if err != nil {
		return spec, nil, 0, err
	}
	if framesArg != "" {
		if spec.Frames, err = tiler.ParseFrames(framesArg); err != nil {
			return spec, nil, 0, fmt.Errorf("%w: frames: %w", errUsage, err)
		}
	} else {
		if info.FrameEnd-info.FrameStart >= tiler.MaxFrames {
			return spec, nil, 0, fmt.Errorf("%w: the scene's frame range is unknown: name the frames (--frames A-B)", errUsage)
		}
		spec.Frames = tiler.Frames{Start: info.FrameStart, End: info.FrameEnd, Step: max(info.FrameStep, 1)}
	}
	if info.FPS > 0 && info.FPS <= 1000 { // plays the frames back (the app's flipbook); an odd rate is left out
		spec.FPS = info.FPS
	}
	taken := takeScene(&spec, info, given)
	if err := api.TilesExact(spec, info.Usage); err != nil {
		return spec, taken, 0, fmt.Errorf("%w: %w", errUsage, err)
	}
	var nonce [8]byte
	rand.Read(nonce[:])
	spec.Nonce = fmt.Sprintf("%x", nonce)
	check := spec
	check.Scene = strings.Repeat("0", 64) // the real hash comes with the upload
	if err := check.Validate(); err != nil {
		return spec, taken, 0, fmt.Errorf("%w: %w", errUsage, err)
	}
	return spec, taken, info.FPS, nil
}

// visited returns whether a flag of fs was given on the command line.
func visited(fs *flag.FlagSet) func(string) bool {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return func(name string) bool { return set[name] }
}

// waitJob follows a job's events to its end, fetches its frames into dir
// (when dir is set) and makes what flip asks of them, and fails unless the
// job is done.
func waitJob(ctx context.Context, c *api.Client, id, dir string, flip flipOpts, asJSON bool, stdout io.Writer) error {
	var bar *progress
	if !asJSON {
		bar = newProgress(stdout)
	}
	state, err := c.Events(ctx, id, func(e api.Event) error {
		if bar != nil {
			bar.event(e)
		}
		if e.Type == api.EventPreviewReady {
			// A replayed preview_ready of a job approved since is
			// history: only a job still awaiting stops the wait.
			if st, err := c.Status(ctx, id); err == nil && st.State == api.JobAwaiting {
				return errAwaiting
			}
		}
		return nil
	})
	if bar != nil {
		bar.end()
	}
	if errors.Is(err, errAwaiting) {
		return waitAwaiting(ctx, c, id, dir, flip, asJSON, stdout)
	}
	if err != nil {
		return err
	}
	st, err := c.Status(ctx, id)
	if err != nil {
		return err
	}
	var paths []string
	var made flipMade
	if flip.sceneFPS == 0 {
		flip.sceneFPS = st.Spec.FPS // the rate the submit read from the scene
	}
	if state == api.JobDone && dir != "" {
		if paths, err = c.Fetch(ctx, id, dir); err != nil {
			return err
		}
		if made, err = flip.make(ctx, paths, dir); err != nil {
			return err
		}
	}
	if asJSON {
		if err := printJSON(stdout, struct {
			api.JobStatus
			Files []string `json:"files,omitempty"`
			flipMade
		}{st, paths, made}); err != nil {
			return err
		}
	} else if state == api.JobDone {
		fmt.Fprintf(stdout, "job %s done: %s", id, api.Count(len(st.Frames), "frame"))
		if dir != "" {
			fmt.Fprintf(stdout, " -> %s", dir)
		}
		fmt.Fprintln(stdout)
		made.print(stdout)
		printFailedFrames(stdout, st)
	}
	if state == api.JobDone && st.Partial {
		return partialError(st)
	}
	if state != api.JobDone {
		return errors.New(endedLine(id, state, st.Error))
	}
	return nil
}

func runWait(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("wait", flag.ContinueOnError)
	cf := addClientFlags(fs)
	out := fs.String("out", "", "also fetch the frames into this folder")
	flipFlags := addFlipFlags(fs, true)
	id, err := oneJobArg(fs, args)
	if err != nil {
		return err
	}
	flip, err := flipFlags()
	if err != nil {
		return err
	}
	return waitJob(ctx, cf.client(), id, *out, flip, *cf.asJSON, stdout)
}

func runReport(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	cf := addClientFlags(fs)
	cropsDir := fs.String("crops", "", "write each conviction's compared crop windows here, the worker's beside the checker's (and the arbiter's), enlarged 8x, as PNGs")
	id, err := oneJobArg(fs, args)
	if err != nil {
		return err
	}
	rep, err := cf.client().Report(ctx, id)
	if err != nil {
		return err
	}
	if *cf.asJSON {
		return printJSON(stdout, rep)
	}
	fmt.Fprintf(stdout, "job %s: %s, %s, %s, %.1f s\n", rep.JobID, rep.State, api.Count(len(rep.Tasks), "task"), api.Count(len(rep.Frames), "frame"), rep.WallSeconds)
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NODE\tTASKS\tRENDER SECONDS")
	for _, n := range rep.Nodes {
		fmt.Fprintf(tw, "%s\t%d\t%.1f\n", n.Node, n.Tasks, n.Seconds)
	}
	tw.Flush()
	for _, c := range rep.Convictions {
		fmt.Fprintf(stdout, "convicted of cheating: %s (%s), task %d\n", c.Node, c.Address, c.Task)
		if *cropsDir == "" {
			continue
		}
		paths, err := writeEvidenceCrops(ctx, cf.client(), *cropsDir, rep, c)
		if err != nil {
			return fmt.Errorf("conviction of %s: %w", c.Node, err)
		}
		for _, p := range paths {
			fmt.Fprintf(stdout, "  crop (worker | checker | arbiter, 8x): %s\n", p)
		}
	}
	printSettlement(stdout, rep.Settlement) // what was paid, and when the rest comes back
	return nil
}

// writeEvidenceCrops fetches a conviction's compared images (the worker's
// tile, the checker's and the arbiter's crops) from the node and writes
// their crop windows side by side, enlarged, under dir.
func writeEvidenceCrops(ctx context.Context, c *api.Client, dir string, rep api.Report, conv api.Conviction) ([]string, error) {
	ev := conv.Evidence
	if len(ev.Hashes) < 2 || len(ev.Crops) == 0 {
		return nil, fmt.Errorf("its evidence names no compared crops")
	}
	var tile image.Rectangle
	for _, t := range rep.Tasks {
		if t.Index == conv.Task {
			tile = image.Rect(t.Rect[0], t.Rect[1], t.Rect[2], t.Rect[3])
		}
	}
	if tile.Empty() {
		return nil, fmt.Errorf("the report has no task %d", conv.Task)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	blobs, err := os.MkdirTemp(dir, ".evidence-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(blobs)
	var files []string
	for i, h := range ev.Hashes {
		p := filepath.Join(blobs, fmt.Sprintf("party-%d", i))
		f, err := os.Create(p)
		if err != nil {
			return nil, err
		}
		err = c.Blob(ctx, h, f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, fmt.Errorf("fetch evidence %s: %w", api.Prefix(h, 12), err)
		}
		files = append(files, p)
	}
	return flipbook.WriteEvidenceCrops(dir, fmt.Sprintf("%s-task-%d", conv.Node, conv.Task), tile, ev.Crops, files...)
}

func oneJobArg(fs *flag.FlagSet, args []string) (string, error) {
	pos, err := parseFlags(fs, args)
	if err != nil {
		return "", err
	}
	if len(pos) != 1 {
		return "", fmt.Errorf("%w: want one job id, got %s", errUsage, api.Count(len(pos), "argument"))
	}
	return pos[0], nil
}

func runStatus(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("status", flag.ContinueOnError)
	cf := addClientFlags(fs)
	id, err := oneJobArg(fs, args)
	if err != nil {
		return err
	}
	st, err := cf.client().Status(ctx, id)
	if err != nil {
		return elsewhere(ctx, cf.client(), id, err)
	}
	if *cf.asJSON {
		return printJSON(stdout, st)
	}
	printJobs(stdout, []api.JobStatus{st})
	printFailedFrames(stdout, st)
	if st.Release != "" {
		fmt.Fprintf(stdout, "renderer: %s (every task of the job)\n", st.Release)
	}
	if st.Finishes > 0 {
		fmt.Fprintf(stdout, "tasks: %s, then %s (one per frame: the scene's compositor over its stitched tiles, on one node, checked by a second)\n", api.Count(st.Total-st.Finishes, "tile"), api.Count(st.Finishes, "finish"))
	}
	if len(st.Checks) > 0 {
		fmt.Fprintf(stdout, "checks: %d passed, %d unchecked, %d by the coordinator itself, %d in progress\n",
			st.Checks[api.VerdictPassed], st.Checks[api.VerdictUnchecked], st.Checks[api.VerdictTrusted], st.Checks[api.VerdictChecking])
	}
	for _, n := range st.Convicted {
		fmt.Fprintf(stdout, "convicted of cheating: %s (its tiles were rendered again; the evidence is in the job report)\n", n)
	}
	if st.Error != "" {
		fmt.Fprintf(stdout, "error: %s\n", st.Error)
	}
	return nil
}

func runJobs(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("jobs", flag.ContinueOnError)
	cf := addClientFlags(fs)
	cluster := fs.Bool("cluster", false, "list every coordinator's jobs in the cluster, as summaries (needs the node's admin token)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *cluster {
		all, err := cf.client().ClusterJobs(ctx)
		if err != nil {
			return err
		}
		if *cf.asJSON {
			return printJSON(stdout, all)
		}
		printClusterJobs(stdout, all)
		return nil
	}
	jobs, err := cf.client().Jobs(ctx)
	if err != nil {
		return err
	}
	if *cf.asJSON {
		return printJSON(stdout, jobs)
	}
	printJobs(stdout, jobs)
	return nil
}

func printJobs(w io.Writer, jobs []api.JobStatus) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "JOB\tSTATE\tSCENE\tFRAMES\tTILES\tDONE")
	for _, j := range jobs {
		if j.Spec.PreviewOf != "" {
			continue // its job's row says how its preview went (--json lists it)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d/%d\n", j.ID, stateText(j), j.Spec.SceneName, j.Spec.Frames, j.Spec.Tiles, j.Done, j.Total)
	}
	tw.Flush()
}

// elsewhere adds to a job's 404 which coordinator in the cluster holds it,
// when the node's cluster listing says (an admin token's only; any other
// answer leaves err as it is).
func elsewhere(ctx context.Context, c *api.Client, id string, err error) error {
	var apiErr *api.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusNotFound {
		return err
	}
	all, lerr := c.ClusterJobs(ctx)
	if lerr != nil {
		return err
	}
	for _, j := range all.Jobs {
		if j.ID == id {
			return fmt.Errorf("%w; coordinator %s (%s) has it: %s, ask its node", err, j.Coordinator, j.CoordinatorAddr, j.State)
		}
	}
	return err
}

// printClusterJobs prints one table of the cluster's jobs with their
// coordinators, then a line for each coordinator that is not answering.
func printClusterJobs(w io.Writer, all api.ClusterJobs) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "COORDINATOR\tJOB\tFRAMES\tTASKS\tSTATE")
	for _, j := range all.Jobs {
		fmt.Fprintf(tw, "%s\t%s\t%d/%d\t%d/%d\t%s\n", j.Coordinator, j.ID, j.FramesDone, j.Frames, j.Done, j.Total, j.State)
	}
	for _, c := range all.Coordinators {
		if c.Error != "" {
			fmt.Fprintf(tw, "%s\t-\t-\t-\tnot answering: %s\n", c.Name, c.Error)
		}
	}
	tw.Flush()
}

func runFetch(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("fetch", flag.ContinueOnError)
	cf := addClientFlags(fs)
	out := fs.String("out", "", "folder for the frames (required)")
	flipFlags := addFlipFlags(fs, true)
	id, err := oneJobArg(fs, args)
	if err != nil {
		return err
	}
	if *out == "" {
		return fmt.Errorf("%w: --out DIR is required", errUsage)
	}
	flip, err := flipFlags()
	if err != nil {
		return err
	}
	c := cf.client()
	paths, err := c.Fetch(ctx, id, *out)
	if err != nil {
		return err
	}
	if flip.video != "" && flip.fps == 0 {
		// The rate submit read from the scene, if it could.
		if st, err := c.Status(ctx, id); err == nil {
			flip.sceneFPS = st.Spec.FPS
		}
	}
	made, err := flip.make(ctx, paths, *out)
	if err != nil {
		return err
	}
	if *cf.asJSON {
		return printJSON(stdout, struct {
			Files []string `json:"files"`
			flipMade
		}{paths, made})
	}
	for _, p := range paths {
		fmt.Fprintln(stdout, p)
	}
	made.print(stdout)
	return nil
}

func runCancel(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("cancel", flag.ContinueOnError)
	cf := addClientFlags(fs)
	id, err := oneJobArg(fs, args)
	if err != nil {
		return err
	}
	c := cf.client()
	if err := c.Cancel(ctx, id); err != nil {
		return err
	}
	rep, err := c.Report(ctx, id)
	if err != nil {
		return fmt.Errorf("job %s cancelled; read what happens to its budget: %w", id, err)
	}
	if *cf.asJSON {
		return printJSON(stdout, map[string]string{"id": id, "state": string(rep.State), "reason": rep.Error, "budget": budgetFate(rep)})
	}
	fmt.Fprintf(stdout, "%s\n%s\n", endedLine(id, rep.State, rep.Error), budgetFate(rep))
	return nil
}

// runReclaim is the requester's side of a settled job: its unspent budget
// and bond back, once the settlement's grace has passed.
func runReclaim(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("reclaim", flag.ContinueOnError)
	cf := addClientFlags(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return reclaimStake(ctx, cf, stdout) // no job: the node's stake asked back
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: want one job id (or none: the stake asked back), got %d arguments", errUsage, len(pos))
	}
	id := pos[0]
	st, err := cf.client().Reclaim(ctx, id)
	if err != nil {
		return err
	}
	if *cf.asJSON {
		return printJSON(stdout, st)
	}
	fmt.Fprintf(stdout, "job %s: reclaimed %s tokens (tx %s)\n", id, st.Reclaimed, st.ReclaimTx)
	return nil
}

func runNodes(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("nodes", flag.ContinueOnError)
	cf := addClientFlags(fs)
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	members, err := cf.client().Nodes(ctx)
	if err != nil {
		return err
	}
	if *cf.asJSON {
		return printJSON(stdout, members)
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NODE\tAPI\tGOSSIP\tCORES\tSLOTS\tPRICE\tSANDBOX\tCHECKS\tAVAILABLE\tRENDERERS")
	for _, m := range members {
		var rs string
		for _, name := range slices.Sorted(maps.Keys(m.Renderers)) {
			rs += name + " " + m.Renderers[name] + rendererSpeed(m, name) + " "
		}
		box := "none"
		if m.Sandboxed {
			box = "docker"
		}
		checks := "-"
		if r := m.Reputation; r != nil {
			checks = fmt.Sprintf("%d ok/%d bad", r.Passed, r.Failed)
			if r.Quarantined {
				checks += " QUARANTINED"
			}
			if !r.BlocklistedUntil.IsZero() {
				checks += " BLOCKLISTED until " + r.BlocklistedUntil.Local().Format(time.DateTime)
			}
		}
		avail := "yes"
		switch {
		case m.Incompatible != "":
			avail = "no: " + m.Incompatible
		case m.Away != "":
			avail = "no: " + m.Away
		case m.Unstaked != "":
			avail = "no: " + m.Unstaked
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\n", m.ID, m.API, m.Gossip, m.Cores, m.Slots, m.Price, box, checks, avail, rs)
	}
	return tw.Flush()
}

// rendererSpeed is a member's speed on a renderer as `conun nodes` shows
// it: " (calibrated 812k samples/s, measured 640k over 5 tasks)", or ""
// when neither is known.
func rendererSpeed(m api.Member, name string) string {
	var parts []string
	if v, ok := m.Speed[name]; ok {
		parts = append(parts, "calibrated "+humanize.SIWithDigits(float64(v), 0, "samples/s"))
	}
	if p, ok := m.Measured[name]; ok {
		parts = append(parts, fmt.Sprintf("measured %s over %d tasks", humanize.SIWithDigits(p.SamplesPerSecond, 0, "samples/s"), p.Tasks))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// splitHostPort parses HOST:PORT.
func splitHostPort(s string) (string, int, error) {
	host, p, err := net.SplitHostPort(s)
	if err != nil {
		return "", 0, err
	}
	port, err := strconv.Atoi(p)
	if err != nil || port < 0 || port > 65535 {
		return "", 0, fmt.Errorf("port %q: want 0-65535", p)
	}
	return host, port, nil
}
