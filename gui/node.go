package gui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"github.com/docker/go-units"

	"github.com/conun/conun/farm/api"
)

// nodeRefresh is how often the Node tab reads the node again while shown:
// an idle-mode node comes and goes with its owner's use of the machine.
const nodeRefresh = 5 * time.Second

// nodeView is the Node tab, for the owner of the node the app talks to:
// whether it takes work and why not, Pause and Resume (as `conun node
// pause|resume`), the caps in effect, and what it earned (as `conun
// earnings`). A node that does not answer shows its error in the tab.
type nodeView struct {
	u *ui
	// state says available or away and why; mode the owner's settings;
	// caps the limits; earnings the totals and the last days.
	state, mode, caps, earnings *widget.Label
	// chart is the last 30 days' earnings, a bar a day, chartCaption
	// what the bars are.
	chart         *canvas.Image
	chartCaption  *widget.Label
	pause, resume *widget.Button
	// loading is set while a refresh is in flight, so a slow node does
	// not pile them up.
	loading bool
	content fyne.CanvasObject
}

func newNodeView(u *ui) *nodeView {
	v := &nodeView{u: u, state: widget.NewLabel("Not read yet"), mode: widget.NewLabel(""), caps: widget.NewLabel(""), earnings: widget.NewLabel("")}
	v.state.TextStyle.Bold = true
	for _, l := range []*widget.Label{v.state, v.mode, v.caps, v.earnings} {
		l.Wrapping = fyne.TextWrapWord
	}
	v.chart, v.chartCaption = canvas.NewImageFromImage(nil), widget.NewLabel("")
	v.chart.FillMode, v.chart.ScaleMode = canvas.ImageFillStretch, canvas.ImageScalePixels
	v.chart.SetMinSize(fyne.NewSize(chartDays*(chartBarW+chartGap)*2, (chartHeight+1)*2))
	v.pause = widget.NewButton("Pause this node", func() { v.setPaused(true) })
	v.resume = widget.NewButton("Resume this node", func() { v.setPaused(false) })
	v.pause.Disable()
	v.resume.Disable()
	title := widget.NewLabelWithStyle("This node", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.content = container.NewVScroll(container.NewPadded(container.NewVBox(
		title, v.state, container.NewHBox(v.pause, v.resume), v.mode,
		widget.NewLabelWithStyle("Caps", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), v.caps,
		widget.NewLabelWithStyle("Earnings", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHBox(v.chart), v.chartCaption, v.earnings)))
	go v.tick(u.ctx)
	return v
}

// tick refreshes the tab while it is shown, until ctx (the window's) ends.
func (v *nodeView) tick(ctx context.Context) {
	t := time.NewTicker(nodeRefresh)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		v.u.do(func() {
			if sel := v.u.tabs.Selected(); sel != nil && sel.Content == v.content {
				v.refresh()
			}
		})
	}
}

// refresh reads the node's availability and earnings off the UI goroutine.
func (v *nodeView) refresh() {
	if v.loading {
		return
	}
	v.loading = true
	c := v.u.client
	go func() {
		ctx, cancel := context.WithTimeout(v.u.ctx, callTimeout)
		defer cancel()
		a, aerr := c.NodeAvailability(ctx)
		e, eerr := c.Earnings(ctx, time.Time{})
		v.u.do(func() {
			v.loading = false
			v.showAvailability(a, aerr)
			if eerr != nil {
				v.earnings.SetText("Cannot read the earnings: " + eerr.Error())
			} else {
				v.earnings.SetText(EarningsSummary(e))
				v.chart.Image, v.chartCaption.Text = EarningsChart(e, time.Now())
				v.chart.Refresh()
				v.chartCaption.Refresh()
			}
		})
	}()
}

// setPaused pauses the node (or resumes it) as `conun node pause|resume`
// does: a paused node hands back its leases and takes none until resumed,
// across restarts.
func (v *nodeView) setPaused(paused bool) {
	do, verb := v.u.client.ResumeNode, "resume this node"
	if paused {
		do, verb = v.u.client.PauseNode, "pause this node"
	}
	v.pause.Disable()
	v.resume.Disable()
	go func() {
		ctx, cancel := context.WithTimeout(v.u.ctx, callTimeout)
		a, err := do(ctx)
		cancel()
		v.u.do(func() {
			if err != nil {
				v.u.showError(verb, err)
			}
			v.showAvailability(a, err)
		})
	}()
}

// showAvailability shows a (or why it could not be read) and offers the
// button that changes it.
func (v *nodeView) showAvailability(a api.Availability, err error) {
	if err != nil {
		v.state.SetText("Cannot read the node's availability: " + err.Error())
		v.state.Importance = widget.DangerImportance
		v.state.Refresh()
		v.pause.Enable()
		v.resume.Enable()
		return
	}
	v.state.SetText(AvailabilityText(a))
	v.state.Importance = widget.SuccessImportance
	if !a.Available {
		v.state.Importance = widget.WarningImportance
	}
	v.state.Refresh()
	if a.Paused {
		v.pause.Disable()
		v.resume.Enable()
	} else {
		v.pause.Enable()
		v.resume.Disable()
	}
	v.mode.SetText(ModeText(a))
	v.caps.SetText(CapsText(a.Caps))
}

// AvailabilityText says whether the node takes work, and why not.
func AvailabilityText(a api.Availability) string {
	if a.Available {
		return "Available: taking render work from the cluster"
	}
	return "Away: " + a.Reason
}

// ModeText says when the owner lets the node render.
func ModeText(a api.Availability) string {
	var s []string
	switch a.Mode {
	case "always", "":
		s = append(s, "Mode always: renders whenever it is not paused")
	default:
		s = append(s, "Mode "+a.Mode)
	}
	if a.Schedule != "" {
		s = append(s, "schedule "+a.Schedule)
	}
	if a.IdleCPU > 0 {
		s = append(s, fmt.Sprintf("idle: others use at most %s of the CPU for %s", percent(a.IdleCPU), time.Duration(a.IdleAfterSeconds*float64(time.Second))))
	}
	if a.Paused {
		s = append(s, "paused by hand until resumed")
	}
	return strings.Join(s, "; ")
}

// CapsText says the node's caps in words, one line each; 0 is no limit.
func CapsText(c api.NodeCaps) string {
	size := func(n int64, unit string) string {
		if n <= 0 {
			return "no limit"
		}
		return units.BytesSize(float64(n)) + unit
	}
	threads := "every core"
	if c.Threads > 0 {
		threads = fmt.Sprintf("%d threads", c.Threads)
	}
	memory := "not capped (renders run outside the sandbox)"
	if c.Sandboxed && c.RenderMemoryBytes > 0 {
		memory = units.BytesSize(float64(c.RenderMemoryBytes)) + " (the sandbox's limit; a render needing more fails)"
	}
	gpus := "none"
	if c.GPUs != "" {
		gpus = c.GPUs
	}
	return strings.Join([]string{
		fmt.Sprintf("Renders at once: %d, each on %s", c.Slots, threads),
		"Memory per render: " + memory,
		"GPUs in the sandbox: " + gpus,
		"Cache of other members' scenes and tiles: " + size(c.CacheBytes, ""),
		fmt.Sprintf("Upload: %s; download: %s", size(c.UploadLimit, "/s"), size(c.DownloadLimit, "/s")),
	}, "\n")
}

// EarningsSummary says what the node earned as a worker, in all and on its
// last days, as `conun earnings` counts it.
func EarningsSummary(e api.Earnings) string {
	var b strings.Builder
	if !e.Connected {
		b.WriteString("Not on a chain (start the node with --chain URL): tasks and render time only.\n")
	} else {
		fmt.Fprintf(&b, "Stake %s tokens.\n", e.Stake)
	}
	if len(e.Jobs) == 0 {
		b.WriteString("No tasks rendered for other nodes' jobs yet.")
		return b.String()
	}
	fmt.Fprintf(&b, "In all: %s", earningsLine(e.Total))
	days := e.Days
	if len(days) > 7 {
		days = days[len(days)-7:]
	}
	for _, d := range days {
		fmt.Fprintf(&b, "\n%s: %s", d.Day, earningsLine(d.EarningsCount))
	}
	return b.String()
}

func earningsLine(c api.EarningsCount) string {
	return fmt.Sprintf("%s, %s render time, earned %s tokens, slashed %s, checks %d passed / %d failed",
		api.Count(int(c.Tasks), "task"), seconds(c.RenderSeconds), c.Earned, c.Slashed, c.ChecksPassed, c.ChecksFailed)
}
