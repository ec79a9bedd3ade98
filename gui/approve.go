package gui

import (
	"bytes"
	"context"
	"fmt"
	"image"
	_ "image/jpeg" // a JPEG job's first frame as its thumbnail
	_ "image/png"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/flipbook"
)

// A job submitted with a preview waits awaiting approval, nothing locked,
// while its preview pass renders. The jobs list shows that preview (its
// contact sheet: every frame numbered) with Approve and Reject, as
// `conun approve` and `conun reject` do, and a thumbnail per job: its
// preview's first frame, or for other jobs their first finished frame.

// listThumb is a jobs-list thumbnail's longer edge, in pixels.
const listThumb = 48

// thumbColumn is the jobs table's thumbnail column, after jobColumns.
var thumbColumn = len(jobColumns)

// approveJob approves (approve) or rejects the awaiting job id off the UI
// goroutine.
func (u *ui) approveJob(c *api.Client, id string, approve bool) {
	if id == "" {
		u.setStatus("Select a job first")
		return
	}
	go func() {
		ctx, cancel := context.WithTimeout(u.ctx, callTimeout)
		var msg string
		var err error
		if approve {
			var st api.ApproveStatus
			if st, err = c.Approve(ctx, id); err == nil {
				msg = fmt.Sprintf("Job %s approved: %s", id, st.State)
				if !st.Budget.IsZero() {
					msg += fmt.Sprintf(", budget of %v tokens locked", st.Budget)
				}
			}
		} else if err = c.Reject(ctx, id); err == nil {
			msg = fmt.Sprintf("Job %s rejected: nothing locked", id)
		}
		cancel()
		u.do(func() {
			if err != nil {
				verb := "reject"
				if approve {
					verb = "approve"
				}
				u.showError(verb+" job "+id, err)
				return
			}
			u.setStatus(msg)
			u.jobs.refresh()
		})
	}()
}

// thumbCell is a jobs-table cell: text, or in the thumbnail column an image.
func thumbCell() fyne.CanvasObject {
	img := canvas.NewImageFromImage(nil)
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSize(listThumb, listThumb*3/4))
	img.Hide()
	return container.NewStack(widget.NewLabel("0123456789abcdef"), img)
}

// setCell fills a thumbCell for column col of job j.
func (v *jobsView) setCell(o fyne.CanvasObject, j api.JobStatus, col int) {
	c := o.(*fyne.Container)
	l, img := c.Objects[0].(*widget.Label), c.Objects[1].(*canvas.Image)
	if col != thumbColumn {
		img.Hide()
		l.SetText(jobRow(j, v.cost(j))[col])
		return
	}
	l.SetText("")
	img.Image = v.thumbs[j.ID]
	img.Show()
	img.Refresh()
}

// thumbSource is the job and frame a job's thumbnail is drawn from:
// its preview's first frame, else its own first finished frame.
func thumbSource(j api.JobStatus) (string, int, bool) {
	if j.Preview != nil && len(j.Preview.Frames) > 0 {
		return j.Preview.ID, j.Preview.Frames[0], true
	}
	if len(j.Frames) > 0 && j.Spec.Format != api.FormatEXR && j.Spec.Format != api.FormatEXRLayers && j.Spec.Format != api.FormatTIFF {
		return j.ID, j.Frames[0], true
	}
	return "", 0, false
}

// readThumbs reads the thumbnails of the jobs that have a frame to show
// and are not in known (off the UI goroutine); one that cannot be read now
// is tried again on the next refresh.
func readThumbs(ctx context.Context, c *api.Client, jobs []api.JobStatus, known map[string]image.Image) map[string]image.Image {
	out := map[string]image.Image{}
	for _, j := range jobs {
		if _, ok := known[j.ID]; ok {
			continue
		}
		id, frame, ok := thumbSource(j)
		if !ok {
			continue
		}
		var buf bytes.Buffer
		if err := c.Frame(ctx, id, frame, &buf); err != nil {
			continue
		}
		img, _, err := image.Decode(&buf)
		if err != nil {
			continue
		}
		out[j.ID] = thumbnail(img, listThumb)
	}
	return out
}

// showPreview shows the selected job's preview, if it awaits approval
// with one: its frames are fetched beside the job's output
// (OUT/JOBID/preview) and drawn as a contact sheet.
func (v *jobsView) showPreview(j api.JobStatus) {
	if j.State != api.JobAwaiting || j.Preview == nil || len(j.Preview.Frames) == 0 {
		v.sheet.Hide()
		if j.State == api.JobAwaiting {
			v.info.SetText(fmt.Sprintf("Job %s awaits approval: its preview is %s (nothing is locked until you approve it).", j.ID, previewState(j)))
		}
		return
	}
	if v.sheetOf == j.ID+fmt.Sprint(len(j.Preview.Frames)) {
		v.sheet.Show()
		return
	}
	c, id, pid, dir := v.u.client, j.ID, j.Preview.ID, filepath.Join(v.outDir(j.ID), "preview")
	go func() {
		ctx, cancel := context.WithTimeout(v.u.ctx, callTimeout)
		paths, err := c.Fetch(ctx, pid, dir)
		cancel()
		var sheet image.Image
		if err == nil {
			var frames []flipbook.Frame
			if frames, err = flipbook.Fetched(paths); err == nil {
				sheet, err = flipbook.ContactSheet(frames, flipbook.SheetOptions{})
			}
		}
		v.u.do(func() {
			if err != nil {
				v.info.SetText("Cannot show the preview of job " + id + ": " + err.Error())
				return
			}
			v.sheetOf = id + fmt.Sprint(len(paths))
			v.sheet.Image = sheet
			v.sheet.Show()
			v.sheet.Refresh()
			v.info.SetText(fmt.Sprintf("Job %s awaits approval: its preview, %s, is in %s. Approve locks the budget and renders it; Reject ends it with nothing locked.", id, api.Count(len(paths), "frame"), dir))
		})
	}()
}

// previewState says where an awaiting job's preview stands.
func previewState(j api.JobStatus) string {
	if j.Preview == nil {
		return "not known"
	}
	if j.Preview.Error != "" {
		return fmt.Sprintf("%s: %s", j.Preview.State, j.Preview.Error)
	}
	return string(j.Preview.State)
}
