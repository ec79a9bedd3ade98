package gui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
)

// newRenderView is the new-render screen: pick a scene, set the job, press
// Render. Its state is a Form; the widgets only mirror it.
type newRenderView struct {
	u       *ui
	form    Form
	touched map[string]bool // fields whose errors are shown as they are typed
	// tilesEdited stops the tile grid following the resolution once the
	// artist has set it.
	tilesEdited, settingTiles bool
	// tilesByScene says a scene, not the artist, set the grid (whole
	// frames for a scene that cannot be split): the next scene's grid
	// follows its own resolution again.
	tilesByScene bool
	// budgetEdited stops an estimate filling the budget once the artist
	// has typed one; settingBudget marks the app's own filling.
	budgetEdited, settingBudget bool

	entries map[string]*widget.Entry
	errors  map[string]*widget.Label
	depth   *widget.RadioGroup
	denoise *widget.Check
	// region renders the scene's render region only (checked) or its
	// whole frame, under the scene's line; hidden for a scene without one
	// (the form keeps its height). settingRegion marks the app's own
	// setting of it.
	region        *widget.Check
	settingRegion bool
	// device and release offer what the cluster's members advertise
	// (members, as last asked); saved is the version the scene was saved
	// with (SceneInfo.MinVersion), which the release defaults to.
	device, release         *widget.Select
	members                 []api.Member
	saved                   string
	devicePicked, relPicked bool // the artist chose: the defaults no longer move
	settingChoices          bool
	trust                   *widget.Slider
	trustText               *widget.Label
	sceneInfo               *widget.Label
	render                  *widget.Button
	result                  *widget.Label
	// estimateButton asks for an estimate (estimate.go), shown in
	// estimateText; estimateGen drops an answer a newer ask replaced.
	estimateButton *widget.Button
	estimateText   *widget.Label
	estimateGen    int
	lastEstimate   *api.Estimate
	content        fyne.CanvasObject
}

func newNewRenderView(u *ui) *newRenderView {
	v := &newRenderView{u: u, form: NewForm(), touched: map[string]bool{},
		entries: map[string]*widget.Entry{}, errors: map[string]*widget.Label{}}
	items := []struct {
		field, label, hint string
		value              *string
	}{
		{FieldScene, "Scene", "a .blend, .gltf or .glb file; or drop one on the window", &v.form.ScenePath},
		{FieldFrames, "Frames", "A, A-B or A-B:STEP", &v.form.Frames},
		{FieldResolution, "Resolution", "WIDTHxHEIGHT", &v.form.Resolution},
		{FieldSamples, "Samples", "samples per pixel", &v.form.Samples},
		{FieldSeed, "Seed", "random seed; the same seed gives the same pixels", &v.form.Seed},
		{FieldTiles, "Tile grid", "COLSxROWS; follows the resolution until you change it", &v.form.Tiles},
		{FieldBudget, "Budget", "most tokens to spend; 0 means no limit (a node on a chain needs a budget)", &v.form.Budget},
		{FieldMaxPrice, "Max price", "skip nodes asking more tokens per tile; 0 means any", &v.form.MaxPrice},
		{FieldPriority, "Priority", "-1000 to 1000; higher renders first among this node's jobs", &v.form.Priority},
	}
	form := widget.NewForm()
	for _, it := range items {
		e := widget.NewEntry()
		e.SetText(*it.value)
		e.SetPlaceHolder(it.hint)
		errLabel := widget.NewLabel("")
		errLabel.Importance = widget.DangerImportance
		errLabel.Wrapping = fyne.TextWrapWord
		errLabel.Hide()
		field, value := it.field, it.value
		e.OnChanged = func(s string) {
			*value = s
			v.changed(field)
		}
		v.entries[field], v.errors[field] = e, errLabel
		w := fyne.CanvasObject(container.NewVBox(e, errLabel))
		if field == FieldScene {
			browse := widget.NewButton("Browse…", v.browse)
			w = container.NewVBox(container.NewBorder(nil, nil, nil, browse, e), errLabel)
		}
		form.Append(it.label, w)
	}
	v.depth = widget.NewRadioGroup(outputChoices, func(s string) {
		if o, ok := outputs[s]; ok {
			v.form.Depth, v.form.Format = o.depth, o.format
		}
	})
	v.depth.Horizontal = true
	v.depth.SetSelected(outputChoices[0])
	form.Append("Output", v.depth)
	v.region = widget.NewCheck("Only the scene's render region, as the line above says (untick for the whole frame)", func(on bool) {
		if v.settingRegion {
			return
		}
		v.form.WholeFrame = !on
		v.followTiles()
		v.showErrors()
	})
	v.region.Hide()
	v.denoise = widget.NewCheck("Denoise (needs a node whose renderer has a denoiser)", func(on bool) { v.form.Denoise = on })
	form.Append("Denoise", v.denoise)
	v.device = widget.NewSelect([]string{AnyChoice}, func(s string) {
		v.form.Device = choiceValue(s)
		v.devicePicked = v.devicePicked || !v.settingChoices
	})
	form.Append("Device", v.device)
	v.release = widget.NewSelect([]string{AnyChoice}, func(s string) {
		v.form.Release = choiceValue(s)
		v.relPicked = v.relPicked || !v.settingChoices
	})
	form.Append("Release", v.release)
	v.fillChoices() // "Any" until the members are known
	v.trust = widget.NewSlider(1, float64(len(TrustRates)))
	v.trust.Step = 1
	v.trustText = widget.NewLabel("")
	v.trust.OnChanged = func(f float64) {
		v.form.TrustLevel = int(f)
		v.trustText.SetText(TrustLabel(v.form.TrustLevel))
	}
	v.trust.SetValue(float64(v.form.TrustLevel))
	form.Append("Verification", container.NewVBox(v.trust, v.trustText))

	v.sceneInfo = widget.NewLabel("")
	v.sceneInfo.Wrapping = fyne.TextWrapWord
	v.result = widget.NewLabel("")
	v.result.Wrapping = fyne.TextWrapWord
	v.render = widget.NewButton("Render", v.submit)
	v.render.Importance = widget.HighImportance
	v.estimateButton = widget.NewButton("Estimate", v.estimate)
	v.estimateText = widget.NewLabel("")
	v.estimateText.Wrapping = fyne.TextWrapWord
	title := widget.NewLabelWithStyle("New render", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.content = container.NewVScroll(container.NewPadded(container.NewVBox(
		title, v.sceneInfo, v.region, form, container.NewHBox(v.estimateButton, v.render), v.estimateText, v.result)))
	return v
}

// changed re-checks the form after a field changed and keeps the tile grid
// in step with the resolution.
func (v *newRenderView) changed(field string) {
	switch field {
	case FieldTiles:
		if !v.settingTiles {
			v.tilesEdited, v.tilesByScene = true, false
		}
	case FieldResolution:
		v.followTiles()
	case FieldBudget:
		if !v.settingBudget {
			v.budgetEdited = true
		}
	case FieldScene:
		v.form.SceneFrames, v.form.SceneFPS = nil, 0
		v.clearRegion() // the last scene's, until this one is read
	}
	if field != FieldBudget && v.lastEstimate != nil {
		v.lastEstimate = nil
		v.estimateText.SetText("The job changed since the estimate: press Estimate again.")
	}
	v.touched[field] = true
	v.showErrors()
}

// followTiles sets the tile grid to the default for what the job renders
// (the scene's region at the resolution typed, or the whole frame), until
// the artist sets the grid.
func (v *newRenderView) followTiles() {
	r, err := tiler.ParseResolution(v.form.Resolution)
	if err != nil || v.tilesEdited {
		return
	}
	if v.form.SceneBorder != nil && !v.form.WholeFrame {
		if reg := api.BorderRegion(*v.form.SceneBorder, v.form.SceneCrop, r); reg != nil && !reg.Rect().Empty() {
			r = tiler.Resolution{Width: reg.X1 - reg.X0, Height: reg.Y1 - reg.Y0}
		}
	}
	v.settingTiles = true
	v.entries[FieldTiles].SetText(api.DefaultTiles(r).String())
	v.settingTiles = false
}

// clearRegion forgets the scene's render region: none is offered.
func (v *newRenderView) clearRegion() {
	v.form.SceneBorder, v.form.SceneCrop, v.form.WholeFrame = nil, false, false
	v.settingRegion = true
	v.region.SetChecked(false)
	v.region.Hide()
	v.settingRegion = false
}

// showErrors shows each touched field's reason next to it.
func (v *newRenderView) showErrors() FieldErrors {
	_, errs := v.form.Spec()
	for field, l := range v.errors {
		if msg := errs[field]; msg != "" && v.touched[field] {
			l.SetText(msg)
			l.Show()
		} else {
			l.Hide()
		}
	}
	return errs
}

func (v *newRenderView) browse() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		r.Close()
		v.setScene(r.URI().Path())
	}, v.u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".blend", ".gltf", ".glb"}))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// dropped takes the first scene file dropped on the window.
func (v *newRenderView) dropped(_ fyne.Position, uris []fyne.URI) {
	for _, uri := range uris {
		if RendererFor(uri.Path()) != "" {
			v.setScene(uri.Path())
			v.u.showNewRender()
			return
		}
	}
	if len(uris) > 0 {
		v.setScene(uris[0].Path()) // shows why it is not a scene
	}
}

// setScene fills the scene field and pre-fills what the scene says about
// itself (frames, resolution, samples, denoise, output), as the node reads
// it: the scene is uploaded (a .blend packed first, as Render sends it) and
// the node's own renderer inspects it (POST /v1/inspect), so the app needs
// neither Blender nor a path tracer of its own. Off the UI goroutine: a big
// file takes a while.
func (v *newRenderView) setScene(path string) {
	v.entries[FieldScene].SetText(path)
	v.sceneInfo.SetText("")
	v.saved = ""
	v.loadMembers()
	if RendererFor(path) == "" {
		return
	}
	var tiles *tiler.Grid
	if g, err := tiler.ParseGrid(v.form.Tiles); err == nil && v.tilesEdited && !v.tilesByScene {
		tiles = &g
	}
	c, pack := v.u.client, v.u.cfg.Pack
	sending := "Sending " + filepath.Base(path) + " to the node to read it …"
	v.sceneInfo.SetText(sending)
	progress := v.u.uploadShown(v.sceneInfo, sending, func() bool { return v.form.ScenePath == path })
	go func() {
		in, err := inspectOnNode(v.u.ctx, c, path, tiles, pack, progress)
		v.u.do(func() {
			if v.form.ScenePath != path {
				return // another scene was picked meanwhile
			}
			if err != nil {
				v.sceneInfo.SetText(fmt.Sprintf("The node could not read %s: %v. Set the job below by hand.", filepath.Base(path), err))
				return
			}
			v.takeScene(path, in.Info)
			v.sceneInfo.SetText(v.sceneInfo.Text + "\n" + planText(in))
		})
	}()
}

// inspectOnNode uploads the scene at path (a .blend packed by pack) and has
// the node read it. The upload is what Render sends later; the node keeps
// it, so Render does not send it again.
func inspectOnNode(ctx context.Context, c *api.Client, path string, tiles *tiler.Grid, pack func(context.Context, string) ([]byte, error), progress func(sent, total int64)) (api.Inspection, error) {
	hash, err := uploadScene(ctx, c, path, pack, progress)
	if err != nil {
		return api.Inspection{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, inspectTimeout)
	defer cancel()
	return c.Inspect(ctx, api.InspectRequest{Scene: hash, SceneName: filepath.Base(path), Tiles: tiles})
}

// inspectTimeout bounds the app's wait for a node's reading of a scene:
// Blender starting in a fresh sandbox takes longer than an API call.
const inspectTimeout = 2 * time.Minute

// planText says what the node will do with a job of the scene it read:
// which node read it, its engine, and how its frames are made (tiles or
// whole frames, compositing, denoising) or why such a job is refused.
func planText(in api.Inspection) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Read by node %s", in.Node)
	if u := in.Info.Usage; u != nil && u.Engine != "" {
		fmt.Fprintf(&b, " (engine %s", u.Engine)
		if u.Compositing {
			b.WriteString(", compositor on")
		}
		if u.Denoise {
			b.WriteString(", denoising on")
		}
		b.WriteString(")")
	}
	if in.Refused != "" {
		fmt.Fprintf(&b, ". As %s tiles it would be refused: %s", in.Tiles, in.Refused)
	} else {
		fmt.Fprintf(&b, ". Frames: %s", in.Split)
	}
	return b.String()
}

// takeScene sets the form to the scene's own settings, as `conun submit`
// takes them (api.JobSpec.TakeScene), and says which it took.
func (v *newRenderView) takeScene(path string, info renderer.SceneInfo) {
	v.saved = info.MinVersion
	v.fillChoices()
	v.clearRegion() // before the resolution, which the tiles follow
	if v.tilesByScene {
		// The last scene's whole frames are not this one's: the grid
		// follows the resolution again, unless this scene says otherwise.
		v.tilesEdited, v.tilesByScene = false, false
		v.followTiles()
	}
	frames := tiler.Frames{Start: info.FrameStart, End: info.FrameEnd, Step: max(info.FrameStep, 1)}
	v.entries[FieldFrames].SetText(frames.String())
	v.form.SceneFrames, v.form.SceneFPS = &frames, info.FPS
	spec := api.JobSpec{Depth: v.form.Depth, Format: v.form.Format}
	if info.Usage != nil {
		// The scene says its output: it starts from the defaults, as
		// submit's does, not from the previous scene's (a PNG scene
		// after an EXR one is PNG).
		spec.Depth, spec.Format = api.DefaultDepth, ""
	}
	if r, err := tiler.ParseResolution(v.form.Resolution); err == nil {
		spec.Resolution = r
	}
	grid, _ := tiler.ParseGrid(v.form.Tiles)
	spec.Tiles = grid
	taken := spec.TakeScene(info, func(string) bool { return false })
	if info.Usage == nil && info.Width > 0 && info.Height > 0 {
		spec.Resolution = tiler.Resolution{Width: info.Width, Height: info.Height} // a glTF camera's own
	}
	if spec.Resolution.Width > 0 {
		v.entries[FieldResolution].SetText(spec.Resolution.String())
	}
	if spec.Samples > 0 {
		v.entries[FieldSamples].SetText(fmt.Sprint(spec.Samples))
	}
	if info.Usage != nil { // a .blend says its seed, 0 included
		v.entries[FieldSeed].SetText(fmt.Sprint(spec.Seed))
	}
	v.denoise.SetChecked(spec.Denoise)
	v.form.Quality, v.form.Compression = spec.Quality, spec.Compression
	if u := info.Usage; u != nil && u.RenderRegion && spec.Region != nil {
		// Taken, and said: a border left on renders a part of the frame,
		// which the artist may not have meant.
		v.form.SceneBorder, v.form.SceneCrop = &u.Border, u.CropToBorder
		v.settingRegion = true
		v.region.SetChecked(true)
		v.region.Show()
		v.settingRegion = false
		v.followTiles()
	}
	if spec.Tiles != grid {
		// The scene cannot be split exactly: whole frames, which the grid
		// must no longer follow the resolution away from.
		v.settingTiles = true
		v.entries[FieldTiles].SetText(spec.Tiles.String())
		v.settingTiles = false
		v.tilesEdited, v.tilesByScene = true, true
	}
	for _, name := range outputChoices {
		if o := outputs[name]; o.format == spec.Format && (o.format == api.FormatEXR || o.format == api.FormatEXRLayers || o.depth == spec.Depth) {
			v.depth.SetSelected(name)
		}
	}
	text := fmt.Sprintf("%s: frames %s", filepath.Base(path), frames)
	if len(taken) > 0 {
		text += ", " + strings.Join(taken, ", ")
	}
	v.sceneInfo.SetText(text + " (read from the scene; change them below)")
}

// loadMembers asks the node for the cluster's members off the UI
// goroutine, then offers the devices and releases they advertise. A node
// that does not answer leaves the choices as they were ("Any" at first).
func (v *newRenderView) loadMembers() {
	c := v.u.client
	go func() {
		ctx, cancel := context.WithTimeout(v.u.ctx, callTimeout)
		members, err := c.Nodes(ctx)
		cancel()
		if err != nil {
			return
		}
		// A member of another release, or one bonding less than this
		// node's minimum stake, gets no work from this node: its devices
		// and releases are no choice here.
		members = slices.DeleteFunc(members, func(m api.Member) bool { return m.Incompatible != "" || m.Unstaked != "" })
		v.u.do(func() {
			v.members = members
			v.fillChoices()
		})
	}()
}

// fillChoices offers the devices and releases of the members that run the
// scene's renderer, and moves the defaults (any device; the release the
// scene was saved with, or the most common) unless the artist chose.
func (v *newRenderView) fillChoices() {
	rend := RendererFor(v.form.ScenePath)
	v.settingChoices = true
	defer func() { v.settingChoices = false }()
	devices := DeviceChoices(v.members, rend)
	v.device.Options = devices
	if !v.devicePicked || !slices.Contains(devices, v.device.Selected) {
		v.device.SetSelected(AnyChoice)
	}
	v.device.Refresh()
	releases := ReleaseChoices(v.members, rend)
	v.release.Options = releases
	if !v.relPicked || !slices.Contains(releases, v.release.Selected) {
		v.release.SetSelected(DefaultRelease(releases, v.saved))
	}
	v.release.Refresh()
}

// submit checks the whole form and, when it is right, uploads the scene and
// submits the job off the UI goroutine, then opens its live view.
func (v *newRenderView) submit() {
	for field := range v.entries {
		v.touched[field] = true
	}
	spec, errs := v.form.Spec()
	v.showErrors()
	if len(errs) > 0 {
		v.result.SetText(fmt.Sprintf("Fix the %d field(s) marked above.", len(errs)))
		return
	}
	path, c := v.form.ScenePath, v.u.client
	v.render.Disable()
	uploading := "Uploading " + filepath.Base(path) + " …"
	v.result.SetText(uploading)
	progress := v.u.uploadShown(v.result, uploading, nil)
	go func() {
		sub, err := uploadAndSubmit(v.u.ctx, c, path, spec, v.u.cfg.Pack, progress)
		id := sub.ID
		v.u.do(func() {
			v.render.Enable()
			if err != nil {
				v.result.SetText("Not submitted: " + err.Error())
				return
			}
			// The node's notes (members of another release that take no
			// work from it) say why the job may go slower than estimated:
			// the live view, where the artist is taken, shows them too.
			v.result.SetText(strings.Join(append([]string{"Submitted job " + id}, sub.Notes...), "\n"))
			v.u.showLive(id, &spec, sub.Notes...)
		})
	}()
}

// uploadAndSubmit sends the scene and the job, the way `conun submit` does:
// a .blend goes packed (pack), with the files it uses inside it, since the
// nodes that render it cannot read the artist's disk.
func uploadAndSubmit(ctx context.Context, c *api.Client, path string, spec api.JobSpec, pack func(context.Context, string) ([]byte, error), progress func(sent, total int64)) (api.Submitted, error) {
	var err error
	if spec.Scene, err = uploadScene(ctx, c, path, pack, progress); err != nil {
		return api.Submitted{}, err
	}
	return c.SubmitWith(ctx, spec, api.SubmitOptions{})
}

// uploadScene reads the scene (a .blend packed by pack) and uploads it,
// telling progress (nil: nobody) how far it is, and returns its hash.
func uploadScene(ctx context.Context, c *api.Client, path string, pack func(context.Context, string) ([]byte, error), progress func(sent, total int64)) (string, error) {
	read := func(_ context.Context, path string) ([]byte, error) { return os.ReadFile(path) }
	if pack != nil && strings.EqualFold(filepath.Ext(path), ".blend") {
		read = pack
	}
	data, err := read(ctx, path)
	if err != nil {
		return "", fmt.Errorf("scene: %w", err)
	}
	return c.UploadWith(ctx, data, progress)
}

// uploadShown returns an upload's progress function that shows text and
// how far the upload is on label, on the UI goroutine, when its whole
// percent changes (a gigabyte takes minutes on a home uplink) and while
// current (nil: always) says the label is still about this upload.
func (u *ui) uploadShown(label *widget.Label, text string, current func() bool) func(sent, total int64) {
	last := -1
	return func(sent, total int64) {
		pct := api.Percent(sent, total)
		if pct == last {
			return
		}
		last = pct
		line := text + " " + api.Share(sent, total)
		u.do(func() {
			if current == nil || current() {
				label.SetText(line)
			}
		})
	}
}

// outputChoices are the frame formats the form offers, in order; outputs
// maps each to the spec's depth and format.
var (
	outputChoices = []string{"PNG 8-bit", "PNG 16-bit", "JPEG", "TIFF 16-bit", "EXR float", "EXR multilayer"}
	outputs       = map[string]struct {
		depth  int
		format string
	}{
		"PNG 8-bit":   {8, ""},
		"PNG 16-bit":  {16, ""},
		"JPEG":        {8, api.FormatJPEG}, // quality 90, Blender's default
		"TIFF 16-bit": {16, api.FormatTIFF},
		// Depth stays valid for the spec; an EXR is 32-bit float.
		"EXR float": {16, api.FormatEXR},
		// Every render pass and the composite, at the scene's own depth.
		"EXR multilayer": {16, api.FormatEXRLayers},
	}
)
