package gui

import (
	"context"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/availability"
	"github.com/conun/conun/farm/farmtest"
)

// TestNodeTab: the Node tab of a real node shows it available with every
// cap (threads, memory per render, GPUs, cache, bandwidth), Pause makes it away ("paused by owner", as the node itself then
// says) and Resume available again, and its earnings after rendering
// another node's job are the node's own count (GET /v1/earnings).
func TestNodeTab(t *testing.T) {
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
		c.CacheBytes, c.UploadLimit = 1<<30, 2<<20
		if i == 0 {
			// As `conun node --memory-max 3GiB --threads 2 --gpus 0`
			// sets them on a sandboxed node.
			c.Sandboxed, c.RenderMemory, c.Threads, c.GPUs = true, 3<<30, 2, "0"
		}
		if i == 1 {
			c.Renderers = farmtest.RefuseFrame(1) // node-1 renders node-2's job
		}
	})
	u, th := newTestUI(t, nodes[0].URL())
	v := u.node
	u.tabs.Select(u.tabs.Items[len(u.tabs.Items)-1])
	th.until(t, "the tab shows the node available", func() bool { return strings.HasPrefix(v.state.Text, "Available") })
	for _, s := range []string{"each on 2 threads", "Memory per render: 3GiB", "GPUs in the sandbox: 0", "scenes and tiles: 1GiB", "Upload: 2MiB/s", "download: no limit"} {
		if !strings.Contains(v.caps.Text, s) {
			t.Errorf("caps %q do not say %q", v.caps.Text, s)
		}
	}
	if !strings.Contains(v.mode.Text, "Mode always") || v.pause.Disabled() || !v.resume.Disabled() {
		t.Fatalf("an available node: mode %q, Pause enabled %v, Resume enabled %v", v.mode.Text, !v.pause.Disabled(), !v.resume.Disabled())
	}

	self := api.NewClient(nodes[0].URL())
	test.Tap(v.pause)
	th.until(t, "the tab shows the node paused", func() bool { return v.state.Text == "Away: paused by owner" && !v.resume.Disabled() })
	if a, err := self.NodeAvailability(context.Background()); err != nil || a.Available || !a.Paused {
		t.Fatalf("after Pause the node says %+v, %v", a, err)
	}
	test.Tap(v.resume)
	th.until(t, "the tab shows the node available again", func() bool { return strings.HasPrefix(v.state.Text, "Available") && !v.pause.Disabled() })
	if a, err := self.NodeAvailability(context.Background()); err != nil || !a.Available || a.Paused {
		t.Fatalf("after Resume the node says %+v, %v", a, err)
	}

	farmtest.RunJob(t, api.NewClient(nodes[1].URL()), nil)
	var e api.Earnings
	farmtest.Until(t, "node-1 counts the tasks it rendered", func() bool {
		var err error
		e, err = self.Earnings(context.Background(), time.Time{})
		return err == nil && e.Total.Tasks > 0
	})
	want := "In all: " + earningsLine(e.Total)
	v.refresh()
	th.until(t, "the tab shows the earnings", func() bool { return strings.Contains(v.earnings.Text, want) })
	th.until(t, "the chart shows today's tasks", func() bool { return v.chart.Image != nil })
	if bars := barHeights(v.chart.Image); bars[chartDays-1] != chartHeight {
		t.Fatalf("the chart's bars %v: today's (the only day with tasks) should fill the height", bars)
	}
	if !strings.Contains(v.chartCaption.Text, fmt.Sprintf("%d in all", e.Total.Tasks)) {
		t.Fatalf("chart caption %q does not count the %d tasks", v.chartCaption.Text, e.Total.Tasks)
	}
}

// TestNodeTabNoNode: a node that does not answer shows the error in the
// tab, and Pause says why it failed instead of crashing.
func TestNodeTabNoNode(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	ln.Close() // nothing listens there now
	u, th := newTestUI(t, url)
	v := u.node
	v.refresh()
	th.until(t, "the tab shows the error", func() bool {
		return strings.HasPrefix(v.state.Text, "Cannot read the node's availability") && strings.HasPrefix(v.earnings.Text, "Cannot read the earnings")
	})
	test.Tap(v.pause)
	th.until(t, "Pause says it failed", func() bool { return strings.HasPrefix(u.status.Text, "pause this node: ") })
}

// TestNodeTabSchedule: a node in schedule mode outside its window shows
// away with the node's reason and its schedule (a fixed clock: Monday
// noon, outside Monday night's window).
func TestNodeTabSchedule(t *testing.T) {
	sched, err := availability.ParseSchedule("mon 22:00-08:00")
	if err != nil {
		t.Fatal(err)
	}
	noon := time.Date(2026, 11, 30, 12, 0, 0, 0, time.Local) // a Monday
	nodes := farmtest.Start(t, 1, func(i int, c *farm.NodeConfig) {
		c.Availability.Mode, c.Availability.Schedule = availability.Mode{Schedule: true}, sched
		c.Availability.Now = func() time.Time { return noon }
	})
	u, th := newTestUI(t, nodes[0].URL())
	v := u.node
	v.refresh()
	th.until(t, "the tab shows the node away", func() bool { return strings.HasPrefix(v.state.Text, "Away") })
	if want := "Away: outside schedule mon 22:00-08:00"; v.state.Text != want {
		t.Errorf("state %q, want %q", v.state.Text, want)
	}
	if want := "Mode schedule; schedule mon 22:00-08:00"; v.mode.Text != want {
		t.Errorf("mode %q, want %q", v.mode.Text, want)
	}
}

// TestModeText says each mode's settings in words.
func TestModeText(t *testing.T) {
	tests := []struct {
		name string
		a    api.Availability
		want string
	}{
		{"always", api.Availability{Mode: "always", Available: true}, "Mode always: renders whenever it is not paused"},
		{"paused", api.Availability{Mode: "always", Paused: true}, "Mode always: renders whenever it is not paused; paused by hand until resumed"},
		{"idle", api.Availability{Mode: "idle", IdleCPU: 0.25, IdleAfterSeconds: 300}, "Mode idle; idle: others use at most 25% of the CPU for 5m0s"},
		{"idle and schedule", api.Availability{Mode: "idle,schedule", Schedule: "sat,sun 00:00-24:00", IdleCPU: 0.1, IdleAfterSeconds: 60},
			"Mode idle,schedule; schedule sat,sun 00:00-24:00; idle: others use at most 10% of the CPU for 1m0s"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := ModeText(tc.a); got != tc.want {
				t.Fatalf("ModeText = %q, want %q", got, tc.want)
			}
		})
	}
}
