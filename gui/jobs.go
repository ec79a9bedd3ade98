package gui

import (
	"context"
	"errors"
	"fmt"
	"image"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/flipbook"
)

// jobColumns are the jobs table's headings.
var jobColumns = []string{"Job", "State", "Scene", "Frames", "Resolution", "Tiles", "Done", "Submitted", "Cost", "Output", "Renderer"}

// jobRow formats a job for the table; cost is its Cost cell (see jobCost).
func jobRow(j api.JobStatus, cost string) []string {
	output := "PNG " + strconv.Itoa(j.Spec.Depth) + "-bit"
	switch j.Spec.Format {
	case api.FormatEXR:
		output = "EXR float"
	case api.FormatEXRLayers:
		output = "EXR multilayer"
	case api.FormatJPEG:
		output = fmt.Sprintf("JPEG q%d", j.Spec.JPEGQuality())
	case api.FormatTIFF:
		output = "TIFF " + strconv.Itoa(j.Spec.Depth) + "-bit"
	}
	// The release every tile comes from, once the first lease fixed it.
	rend := j.Release
	if rend == "" {
		rend = j.Spec.Renderer
	}
	state := string(j.State)
	if j.State == api.JobAwaiting && j.Preview != nil && !j.Preview.State.Final() {
		state += " (" + j.Preview.Progress().String() + ")"
	}
	if j.Partial {
		state = "partial (1 frame failed)"
		if n := len(j.FailedFrames); n != 1 {
			state = fmt.Sprintf("partial (%d frames failed)", n)
		}
	}
	return []string{
		j.ID, state, j.Spec.SceneName, j.Spec.Frames.String(), j.Spec.Resolution.String(),
		j.Spec.Tiles.String(), fmt.Sprintf("%d/%d", j.Done, j.Total),
		j.Created.Local().Format("Jan 2 15:04"), cost, output, rend,
	}
}

// cost is job j's Cost cell: its settlement once read from its report, the
// live view's committed cost while it runs.
func (v *jobsView) cost(j api.JobStatus) string {
	s, fetched := v.settled[j.ID]
	return jobCost(j, s, fetched, v.u.live.committed(j.ID))
}

// jobsView lists the node's jobs, with actions on the selected one.
type jobsView struct {
	u        *ui
	jobs     []api.JobStatus
	selected string // job id; "" when none
	loading  bool
	// settled holds the settlements of finished jobs that pay, read from
	// their reports once (nil: the job has none).
	settled map[string]*api.SettlementRecord
	// thumbs are the jobs' thumbnails (approve.go); sheet shows the
	// contact sheet of the selected job's preview (sheetOf: whose).
	thumbs  map[string]image.Image
	sheet   *canvas.Image
	sheetOf string
	// player plays the selected job's flipbook (flipbook.go), in
	// playerBox beside the sheet; playerOf says whose frames (id/count).
	// ticker is the players' clock (nil: the real one; tests step it).
	player    *player
	playerOf  string
	playerBox *fyne.Container
	openVideo *widget.Button
	ticker    newTicker
	// polling is set while a refresh is due because a listed job's
	// preview is rendering (its progress is in the State column).
	polling bool

	table   *widget.Table
	info    *widget.Label
	actions []*widget.Button
	content fyne.CanvasObject
}

func newJobsView(u *ui) *jobsView {
	v := &jobsView{u: u, info: widget.NewLabel(""), settled: map[string]*api.SettlementRecord{}, thumbs: map[string]image.Image{}}
	v.sheet = canvas.NewImageFromImage(nil)
	v.sheet.FillMode = canvas.ImageFillContain
	v.sheet.SetMinSize(fyne.NewSize(320, 180))
	v.sheet.Hide()
	v.openVideo = widget.NewButton("Open "+flipbook.VideoName, v.openFlipbookVideo)
	v.playerBox = container.NewStack()
	v.playerBox.Hide()
	v.info.Wrapping = fyne.TextWrapWord
	v.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(v.jobs), len(jobColumns) + 1 }, // + the thumbnail
		thumbCell,
		func(id widget.TableCellID, o fyne.CanvasObject) { v.setCell(o, v.jobs[id.Row], id.Col) })
	v.table.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("") }
	v.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		l.TextStyle.Bold = id.Row < 0
		switch {
		case id.Row < 0 && id.Col == thumbColumn:
			l.SetText("Preview")
		case id.Row < 0 && id.Col >= 0:
			l.SetText(jobColumns[id.Col])
		case id.Col < 0 && id.Row >= 0:
			l.SetText(fmt.Sprint(id.Row + 1))
		default:
			l.SetText("")
		}
	}
	for i, w := range []float32{170, 150, 160, 80, 100, 60, 80, 110, 330} {
		v.table.SetColumnWidth(i, w)
	}
	v.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(v.jobs) {
			v.selected = v.jobs[id.Row].ID
			v.update()
		}
	}
	v.actions = []*widget.Button{
		widget.NewButton("Live view", func() { v.u.showLive(v.selected, nil) }),
		widget.NewButton("Fetch frames", v.fetch),
		widget.NewButton("Open output folder", v.openFolder),
		widget.NewButton("Cancel", func() { v.u.cancelJob(v.u.client, v.selected) }),
		widget.NewButton("Re-submit", v.resubmit),
		widget.NewButton("Reclaim budget", func() { v.u.reclaimJob(v.u.client, v.selected) }),
		widget.NewButton("Approve", func() { v.u.approveJob(v.u.client, v.selected, true) }),
		widget.NewButton("Reject", func() { v.u.approveJob(v.u.client, v.selected, false) }),
		widget.NewButton("Pause", func() { v.u.pauseJob(v.u.client, v.selected, true) }),
		widget.NewButton("Resume", func() { v.u.pauseJob(v.u.client, v.selected, false) }),
	}
	bar := container.NewHBox(widget.NewButton("Refresh", v.refresh), widget.NewSeparator())
	for _, b := range v.actions {
		bar.Add(b)
	}
	v.update()
	v.content = container.NewBorder(container.NewVBox(bar, v.info), nil, nil, container.NewVBox(v.sheet, v.playerBox), v.table)
	return v
}

// job returns the selected job's status, if it is in the list.
func (v *jobsView) job() (api.JobStatus, bool) {
	for _, j := range v.jobs {
		if j.ID == v.selected {
			return j, true
		}
	}
	return api.JobStatus{}, false
}

// update enables the actions that make sense for the selected job.
func (v *jobsView) update() {
	j, ok := v.job()
	// In the order of v.actions: live view, fetch, open folder, cancel,
	// re-submit, reclaim (an ended job with a budget), approve, reject
	// (a job awaiting approval), pause, resume.
	awaiting := ok && j.State == api.JobAwaiting
	enable := []bool{ok, ok && len(j.Frames) > 0, ok, ok && !j.State.Final(), ok, ok && j.State.Final() && !j.Spec.Budget.IsZero(),
		awaiting, awaiting,
		ok && !j.State.Final() && j.State != api.JobPaused && !awaiting, ok && j.State == api.JobPaused}
	for i, b := range v.actions {
		if enable[i] {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	if ok && j.Error != "" {
		v.info.SetText(fmt.Sprintf("Job %s %s: %s", j.ID, j.State, j.Error))
	}
	if ok {
		v.showPreview(j)
	} else {
		v.sheet.Hide()
	}
	v.showPlayer(j, ok)
}

// refresh reloads the list off the UI goroutine. One load at a time: a hung
// node shows "loading" instead of piling up requests.
func (v *jobsView) refresh() {
	if v.loading {
		return
	}
	v.loading = true
	c := v.u.client
	known, knownThumbs := maps.Clone(v.settled), maps.Clone(v.thumbs)
	v.info.SetText("Loading jobs from " + c.BaseURL + " …")
	go func() {
		ctx, cancel := context.WithTimeout(v.u.ctx, callTimeout)
		jobs, err := c.Jobs(ctx)
		// A preview pass shows as its job's thumbnail and sheet, not as
		// a row of its own.
		jobs = slices.DeleteFunc(jobs, func(j api.JobStatus) bool { return j.Spec.PreviewOf != "" })
		settled, thumbs := map[string]*api.SettlementRecord{}, map[string]image.Image{}
		if err == nil {
			settled = readSettlements(ctx, c, jobs, known)
			thumbs = readThumbs(ctx, c, jobs, knownThumbs)
		}
		cancel()
		v.u.do(func() {
			v.loading = false
			if err != nil {
				v.info.SetText("Cannot list jobs: " + err.Error())
				return
			}
			v.jobs = jobs
			v.pollPreviews()
			maps.Copy(v.settled, settled)
			maps.Copy(v.thumbs, thumbs)
			v.info.SetText(fmt.Sprintf("%d job(s) on %s. Cost: paid / budget once settled, committed so far while it runs in the live view.", len(jobs), c.BaseURL))
			v.table.Refresh()
			v.update()
		})
	}()
}

// readSettlements reads the settlements of the finished jobs that pay and
// are not in known, from their reports; a report that cannot be read now
// is left out, to be read on the next refresh.
func readSettlements(ctx context.Context, c *api.Client, jobs []api.JobStatus, known map[string]*api.SettlementRecord) map[string]*api.SettlementRecord {
	out := map[string]*api.SettlementRecord{}
	for _, j := range jobs {
		if _, ok := known[j.ID]; ok || !j.State.Final() || j.Spec.Budget.IsZero() {
			continue
		}
		if r, err := c.Report(ctx, j.ID); err == nil {
			out[j.ID] = r.Settlement
		}
	}
	return out
}

// outDir is where a job's frames are fetched to.
func (v *jobsView) outDir(id string) string { return filepath.Join(v.u.cfg.OutDir, id) }

func (v *jobsView) fetch() {
	id, c, dir := v.selected, v.u.client, v.outDir(v.selected)
	fps := float64(flipbook.DefaultFPS)
	if j, ok := v.job(); ok && j.Spec.FPS > 0 {
		fps = j.Spec.FPS
	}
	v.info.SetText("Fetching the frames of job " + id + " …")
	go func() {
		ctx, cancel := context.WithCancel(v.u.ctx)
		defer cancel()
		paths, err := c.Fetch(ctx, id, dir)
		// A contact sheet beside the frames: Open folder shows the whole
		// job in one picture, the same file `conun fetch` writes; and
		// where ffmpeg is installed, the flipbook as an MP4 (as `conun
		// fetch --video mp4`), which Open flipbook.mp4 plays.
		var sheetErr, videoErr error
		if err == nil && len(paths) > 0 {
			var frames []flipbook.Frame
			if frames, sheetErr = flipbook.Fetched(paths); sheetErr == nil {
				sheetErr = flipbook.WriteContactSheet(frames, filepath.Join(dir, flipbook.ContactSheetName), flipbook.SheetOptions{})
				videoErr = flipbook.Video(ctx, frames, filepath.Join(dir, flipbook.VideoName), fps)
			}
		}
		v.u.do(func() {
			if err != nil {
				v.u.showError("fetch frames of job "+id, err)
				return
			}
			msg := fmt.Sprintf("Fetched %d frame(s) of job %s to %s", len(paths), id, dir)
			switch {
			case sheetErr != nil:
				msg += " (no contact sheet: " + sheetErr.Error() + ")"
			case len(paths) > 0:
				msg += ", with " + flipbook.ContactSheetName
			}
			switch {
			case len(paths) == 0:
			case videoErr == nil:
				msg += " and " + flipbook.VideoName
			case errors.Is(videoErr, flipbook.ErrNoFFmpeg):
				msg += " (no " + flipbook.VideoName + ": ffmpeg is not installed)"
			default:
				msg += " (no " + flipbook.VideoName + ": " + videoErr.Error() + ")"
			}
			v.info.SetText(msg)
		})
	}()
}

// openFolder opens the job's output folder in the desktop's file manager.
func (v *jobsView) openFolder() {
	dir := v.outDir(v.selected)
	if _, err := os.Stat(dir); err != nil {
		v.info.SetText("No frames fetched yet into " + dir + ": press Fetch frames first.")
		return
	}
	if err := v.u.app.OpenURL(&url.URL{Scheme: "file", Path: dir}); err != nil {
		v.u.showError("open "+dir, err)
	}
}

// resubmit submits the selected job's spec again as a new job (a new nonce:
// the same spec would find the old job). The scene is already on the node.
func (v *jobsView) resubmit() {
	j, ok := v.job()
	if !ok {
		return
	}
	spec, c := j.Spec, v.u.client
	spec.Nonce = newNonce()
	go func() {
		ctx, cancel := context.WithTimeout(v.u.ctx, callTimeout)
		sub, err := c.SubmitWith(ctx, spec, api.SubmitOptions{})
		cancel()
		v.u.do(func() {
			if err != nil {
				v.u.showError("re-submit job "+j.ID, err)
				return
			}
			v.info.SetText(fmt.Sprintf("Re-submitted job %s as %s", j.ID, sub.ID))
			v.refresh()
			v.u.showLive(sub.ID, &spec, sub.Notes...)
		})
	}()
}
