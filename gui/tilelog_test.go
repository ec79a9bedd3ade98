package gui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/tiler"
)

// TestTileTapShowsLog: once a job is done, tapping a tile of its frame in
// the live view opens that task's log, as the node keeps it: the node
// that rendered it and the renderer.
func TestTileTapShowsLog(t *testing.T) {
	nodes := farmtest.Start(t, 2, nil)
	c := api.NewClient(nodes[0].URL())
	id := farmtest.Submit(t, c, nil) // 32x24 in 4x4 tiles of 8x6
	u, th := newTestUI(t, nodes[0].URL())
	u.showLive(id, nil)
	th.until(t, "the job ends", func() bool { return u.live.prog != nil && u.live.prog.State.Final() })

	const task = 6 // third column, second row
	tile := u.live.prog.Tiles[task]
	size := u.live.previewTap.Size()
	area, s := fitRect(int(size.Width), int(size.Height), u.live.prog.Spec.Resolution)
	mid := tile.Rect.Min.Add(tile.Rect.Size().Div(2))
	at := fyne.NewPos(float32(area.Min.X)+float32(mid.X)*float32(s), float32(area.Min.Y)+float32(mid.Y)*float32(s))
	test.TapAt(u.live.previewTap, at)
	th.until(t, "the tile's log is shown", func() bool { return u.live.logDialog != nil })

	logs, err := c.Logs(context.Background(), id, api.LogsQuery{Task: task, Frame: -1})
	if err != nil || len(logs) == 0 {
		t.Fatalf("the node's logs of task %d: %v, %v", task, logs, err)
	}
	want := fmt.Sprintf("Task %d, frame %d, lease %d: node %s, renderer %s", task, tile.Frame, logs[0].Lease, logs[0].Node, logs[0].Renderer)
	if !strings.Contains(u.live.logText, want) {
		t.Fatalf("log dialog says %q, want %q", u.live.logText, want)
	}
}

// TestTaskAt maps taps on a letterboxed 32x24 preview to tiles.
func TestTaskAt(t *testing.T) {
	spec := api.JobSpec{Frames: tiler.Frames{Start: 1, End: 2, Step: 1}, Resolution: tiler.Resolution{Width: 32, Height: 24}, Tiles: tiler.Grid{Cols: 4, Rows: 4}}
	p := NewProgress("j", spec)
	size := fyne.NewSize(640, 240) // 320x240 picture, 160 px bands left and right
	tests := []struct {
		name  string
		frame int
		at    fyne.Position
		task  int
		ok    bool
	}{
		{"first tile", 1, fyne.NewPos(161, 1), 0, true},
		{"last tile of frame 1", 1, fyne.NewPos(479, 239), 15, true},
		{"second row, third column", 1, fyne.NewPos(360, 65), 6, true},
		{"same place, frame 2", 2, fyne.NewPos(360, 65), 22, true},
		{"left band", 1, fyne.NewPos(100, 100), 0, false},
		{"right band", 1, fyne.NewPos(500, 100), 0, false},
		{"no such frame", 3, fyne.NewPos(300, 100), 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			task, ok := TaskAt(p, tc.frame, size, tc.at)
			if ok != tc.ok || task != tc.task {
				t.Fatalf("TaskAt(frame %d, %v) = %d, %v; want %d, %v", tc.frame, tc.at, task, ok, tc.task, tc.ok)
			}
		})
	}
}

// TestLogsText: a log's warning lines are shown apart from its tail, as
// renderer.LogTail keeps them, and a task not leased yet says so.
func TestLogsText(t *testing.T) {
	tests := []struct {
		name string
		logs []api.TaskLog
		want []string
		not  []string
	}{
		{"none", nil, []string{"not been rendered"}, nil},
		{"warnings and tail", []api.TaskLog{{Task: 3, Frame: 1, Lease: 2, Node: "node-2", Renderer: "blender", Build: "4.3.2", Seconds: 1.5, Exit: api.LogOK,
			Log: "--- warnings and errors ---\nWarning: missing texture\n--- output ---\nSaved: tile.png\n"}},
			[]string{"Task 3, frame 1, lease 2: node node-2, renderer blender 4.3.2, 1.50 s, exit ok", "Warnings and errors:\nWarning: missing texture\nOutput (its tail):\nSaved: tile.png"},
			[]string{"---"}},
		{"tail only, failed", []api.TaskLog{{Task: 0, Lease: 1, Node: "node-1", Renderer: "pathtracer", Exit: api.LogFailed, Error: "out of memory", Log: "rendering\n"}},
			[]string{"exit failed: out of memory", "Output (its tail):\nrendering"}, []string{"Warnings"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := LogsText(tc.logs)
			for _, s := range tc.want {
				if !strings.Contains(got, s) {
					t.Errorf("LogsText = %q; want it to say %q", got, s)
				}
			}
			for _, s := range tc.not {
				if strings.Contains(got, s) {
					t.Errorf("LogsText = %q; want no %q", got, s)
				}
			}
		})
	}
}

// FuzzLogsText: any log a node sends shows without a panic, and the text
// keeps every line of it but the headers it parts.
func FuzzLogsText(f *testing.F) {
	f.Add("--- warnings and errors ---\nWarning: x\n--- output ---\ntail\n")
	f.Add("--- warnings and errors ---\nno output header")
	f.Add("plain\n")
	f.Fuzz(func(t *testing.T, log string) {
		got := LogsText([]api.TaskLog{{Node: "n", Renderer: "r", Exit: api.LogOK, Log: log}})
		warn, tail := splitLog(log)
		for _, line := range strings.Split(strings.TrimRight(warn, "\n")+"\n"+strings.TrimRight(tail, "\n"), "\n") {
			if !strings.Contains(got, line) {
				t.Fatalf("LogsText(%q) = %q: line %q is missing", log, got, line)
			}
		}
	})
}
