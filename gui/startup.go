package gui

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// startupDialog is the offer to start a local node when none answers.
type startupDialog struct {
	dlg    *dialog.CustomDialog
	join   *widget.Entry
	start  *widget.Button
	retry  *widget.Button
	result *widget.Label
}

// offerLocalNode asks whether to start a node inside the app, joined to a
// cluster address the artist types or to nothing. then runs once a node
// answers (the local one, or the configured one on retry).
func (u *ui) offerLocalNode(url string, then func()) {
	d := &startupDialog{join: widget.NewEntry(), result: widget.NewLabel("")}
	d.join.SetPlaceHolder("host:port of a cluster member's gossip address; empty: run on its own")
	d.join.SetText(u.cfg.Join)
	d.result.Wrapping = fyne.TextWrapWord
	d.start = widget.NewButton("Start a local node", func() {
		d.start.Disable()
		d.retry.Disable()
		u.startLocalNode(d, then)
	})
	d.start.Importance = widget.HighImportance
	d.retry = widget.NewButton("Try again", func() {
		d.dlg.Hide()
		u.connect(then)
	})
	text := widget.NewLabel(fmt.Sprintf("No conun node answers at %s.\n\n"+
		"conun can run a node inside this app: it renders with the built-in path tracer "+
		"(glTF scenes), keeps its data in %s, and stops when you close the app.", url, u.cfg.DataDir))
	text.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(text, widget.NewLabel("Join a cluster:"), d.join, d.result,
		container.NewHBox(d.start, d.retry))
	d.dlg = dialog.NewCustomWithoutButtons("No node", content, u.win)
	d.dlg.Resize(d.dlg.MinSize().AddWidthHeight(200, 0))
	u.startup = d
	d.dlg.Show()
}

// startLocalNode starts the embedded node off the UI goroutine and points
// the app at it.
func (u *ui) startLocalNode(d *startupDialog, then func()) {
	join := strings.TrimSpace(d.join.Text)
	dataDir := u.cfg.DataDir
	d.result.SetText("Starting …")
	go func() {
		n, err := u.cfg.StartNode(u.ctx, dataDir, join)
		u.do(func() {
			if err != nil {
				d.result.SetText("Could not start a node: " + err.Error())
				d.start.Enable()
				d.retry.Enable()
				return
			}
			u.local = n
			u.client = newClient(n.URL(), "")
			joined := "on its own (no cluster)"
			if join != "" {
				joined = "joined to the cluster at " + join
			}
			msg := fmt.Sprintf("Started a local node %q, %s: API %s, gossip %s, renders with %s, data in %s. It stops when you close conun.",
				n.Name(), joined, n.URL(), n.GossipAddr(), strings.Join(n.Renderers(), " and "), dataDir)
			for _, kind := range slices.Sorted(maps.Keys(n.Refused())) {
				msg += fmt.Sprintf(" It does not run %s: %s.", kind, n.Refused()[kind])
			}
			u.setStatus(msg)
			d.dlg.Hide()
			dialog.ShowInformation("Local node started", msg, u.win)
			then()
		})
	}()
}
