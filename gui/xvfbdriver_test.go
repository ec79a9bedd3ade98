package gui

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// helperPictures is the app side of TestXvfbPictures and
// TestXvfbNoLocaleError: the real window, driven from a goroutine of its
// own through fyne.DoAndWait as a user's clicks would reach it, capturing
// pictures into CONUN_GUI_PICTURES. "start" captures the first screen
// once it is connected and quits.
func helperPictures(mode string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg := DefaultConfig()
	cfg.Node = os.Getenv("CONUN_NODE")
	cfg.OutDir, cfg.DataDir = filepath.Join(os.TempDir(), "out"), filepath.Join(os.TempDir(), "node")
	d := &driver{dir: os.Getenv("CONUN_GUI_PICTURES"), failed: make(chan error, 1)}
	err := run(ctx, cfg, func(u *ui) {
		d.u = u
		go func() {
			var err error
			if mode == "start" {
				err = d.start()
			} else {
				err = d.pictures(os.Getenv("CONUN_GUI_SCENE"))
			}
			d.failed <- err
			fyne.Do(u.app.Quit)
		}()
	})
	if err == nil {
		// The driver answers before it closes the window, so a window
		// closed without an answer was closed by someone else.
		select {
		case err = <-d.failed:
		default:
			err = errors.New("the window closed before the driver finished")
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "helper app:", err)
		return 1
	}
	return 0
}

// driver drives the real app's window from outside its UI goroutine.
type driver struct {
	u      *ui
	dir    string
	failed chan error
}

// on runs f on the UI goroutine and waits for it.
func (d *driver) on(f func()) { fyne.DoAndWait(f) }

// until polls cond on the UI goroutine until it holds.
func (d *driver) until(what string, limit time.Duration, cond func() bool) error {
	deadline := time.Now().Add(limit)
	for {
		var ok bool
		d.on(func() { ok = cond() })
		if ok {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("timed out after %s waiting until %s", limit, what)
		}
		time.Sleep(100 * time.Millisecond) // a poll, not a synchronisation: cond decides
	}
}

// start waits until the app has connected and the test has captured its
// first screen.
func (d *driver) start() error {
	if err := d.until("the app is connected", 30*time.Second, func() bool {
		return strings.HasPrefix(d.u.status.Text, "Connected")
	}); err != nil {
		return err
	}
	return d.show("start.png", shot{})
}

// pictures drives a job from scene through the app and captures the
// README's pictures, in readmePictures' order.
func (d *driver) pictures(scene string) error {
	u, v := d.u, d.u.newRender
	if err := d.until("the app is connected", 30*time.Second, func() bool {
		return strings.HasPrefix(u.status.Text, "Connected")
	}); err != nil {
		return err
	}
	d.on(func() { v.setScene(scene) })
	if err := d.until("the scene's settings are read", time.Minute, func() bool {
		return strings.Contains(v.sceneInfo.Text, "read from the scene")
	}); err != nil {
		return err
	}
	d.on(func() {
		v.entries[FieldResolution].SetText("320x240")
		v.entries[FieldSamples].SetText("16")
		v.render.OnTapped()
	})

	// Mid-job: the test's gates hold the rest of the tiles and the checks.
	var counts map[string]int
	if err := d.until("the live view is mid-job with tiles done, rendering and being checked", 2*time.Minute, func() bool {
		p := u.live.prog
		if p == nil {
			return false
		}
		counts = map[string]int{"done": p.Done, "total": p.Total,
			"rendering": p.Count(TileRendering), "checking": p.Count(TileChecking)}
		return u.tabs.Selected().Content == u.live.content && p.Done >= 2 && counts["rendering"] >= 1 && counts["checking"] >= 1
	}); err != nil {
		return fmt.Errorf("%w (last: %v)", err, counts)
	}
	if err := d.show("app-live.png", shot{Counts: counts}); err != nil {
		return err
	}

	var job string
	if err := d.until("the job's frame is shown", 2*time.Minute, func() bool {
		job = u.live.prog.JobID
		return u.live.prog.State.Final() && u.live.full[1] != nil
	}); err != nil {
		return err
	}
	if err := d.show("app-frame.png", shot{Texts: map[string]string{"job": job}}); err != nil {
		return err
	}

	d.on(func() { u.tabs.Select(u.tabs.Items[2]) })
	var rows string
	if err := d.until("the jobs list shows the finished job", time.Minute, func() bool {
		if u.jobs.loading || len(u.jobs.jobs) != 1 || !u.jobs.jobs[0].State.Final() {
			return false
		}
		rows = strings.Join(jobRow(u.jobs.jobs[0], u.jobs.cost(u.jobs.jobs[0])), " | ")
		return true
	}); err != nil {
		return err
	}
	if err := d.show("app-jobs.png", shot{Texts: map[string]string{"rows": rows}}); err != nil {
		return err
	}

	d.on(func() {
		u.showNewRender()
		v.estimateButton.OnTapped()
	})
	var estimate string
	if err := d.until("the estimate is shown", 2*time.Minute, func() bool {
		estimate = v.estimateText.Text
		return v.lastEstimate != nil
	}); err != nil {
		return err
	}
	d.on(func() { v.content.(*container.Scroll).ScrollToBottom() }) // the estimate is under the form
	fields := map[string]image.Rectangle{}
	d.on(func() {
		c := u.win.Canvas()
		for _, it := range []struct{ field, label string }{
			{FieldFrames, "Frames"}, {FieldResolution, "Resolution"}, {FieldSamples, "Samples"},
			{FieldSeed, "Seed"}, {FieldTiles, "Tile grid"}, {FieldBudget, "Budget"},
		} {
			e := v.entries[it.field]
			pos := u.app.Driver().AbsolutePositionForObject(e)
			x0, y0 := c.PixelCoordinateForPosition(pos)
			x1, y1 := c.PixelCoordinateForPosition(pos.Add(e.Size()))
			fields[it.label] = image.Rect(x0, y0, x1, y1)
		}
	})
	return d.show("app-new-render.png", shot{Texts: map[string]string{"estimate": estimate}, Fields: fields})
}

// show tells the test the window now shows what name pictures, with what
// the app says about it, and waits until the test has captured it.
func (d *driver) show(name string, s shot) error {
	d.on(func() {
		size := d.u.win.Canvas().Size()
		s.Width, s.Height = d.u.win.Canvas().PixelCoordinateForPosition(fyne.NewPos(size.Width, size.Height))
	})
	js, err := json.Marshal(s)
	if err != nil {
		return err
	}
	path := filepath.Join(d.dir, name)
	if err := os.WriteFile(path+".tmp", js, 0o644); err != nil {
		return err
	}
	if err := os.Rename(path+".tmp", path+".json"); err != nil {
		return err
	}
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if _, err := os.Stat(path + ".ack"); err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the test did not capture %s in 2 minutes", name)
		}
		time.Sleep(50 * time.Millisecond) // a poll: the file decides
	}
}
