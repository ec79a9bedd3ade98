package external

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/pathtracer"
)

// helperEnv makes the test binary act as an external renderer, as
// os/exec's own tests do with their helper process.
const helperEnv = "CONUN_EXTERNAL_HELPER=1"

func TestMain(m *testing.M) {
	if os.Getenv("CONUN_EXTERNAL_HELPER") == "1" {
		os.Exit(helper(os.Args[1:]))
	}
	os.Exit(m.Run())
}

// helperCommand returns the command line that runs the helper in mode.
func helperCommand(mode string, args ...string) string {
	parts := []string{Quote(os.Args[0]), mode}
	for _, a := range args {
		parts = append(parts, Quote(a))
	}
	return strings.Join(parts, " ")
}

// helper is the external renderer: it reads a task from stdin and behaves
// as mode says, returning the exit status.
func helper(args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "helper: no mode")
		return 2
	}
	mode := args[0]
	switch mode {
	case "sleep":
		time.Sleep(time.Hour)
		return 0
	case "inspect":
		var req struct{ Scene string }
		if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		fmt.Printf(`{"frame_start": 3, "frame_end": 9, "fps": 30, "width": 320, "height": 240, "scene": %q}`, req.Scene)
		return 0
	case "inspect-garbage":
		fmt.Println("frames: lots")
		return 0
	}
	var req request
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		return 2
	}
	rect := image.Rect(req.Region[0], req.Region[1], req.Region[2], req.Region[3])
	switch mode {
	case "pathtracer":
		res, err := pathtracer.New(pathtracer.DefaultConfig()).Render(context.Background(), renderer.Task{
			Scene: req.Scene, Frame: req.Frame, Width: req.Res[0], Height: req.Res[1],
			Samples: req.Samples, Seed: req.Seed, Region: rect, Threads: req.Threads,
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, "helper:", err)
			return 1
		}
		if err := renderer.WritePNG(req.Out, res.Image, 16); err != nil {
			fmt.Fprintln(os.Stderr, "helper:", err)
			return 1
		}
	case "gradient8":
		return writeGradient(req.Out, rect)
	case "chatty":
		// 100 MiB of output around one warning, then the image.
		fmt.Fprintln(os.Stderr, "Warning: texture //wood.png not found")
		line := strings.Repeat("y", 1023) + "\n"
		w := bufio.NewWriterSize(os.Stdout, 1<<20)
		for range 100 << 10 {
			w.WriteString(line)
		}
		fmt.Fprintf(w, "chatty: frame %d done\n", req.Frame)
		w.Flush()
		return writeGradient(req.Out, rect)
	case "wrong-size":
		rect.Max.X++
		return writeGradient(req.Out, rect)
	case "fail":
		fmt.Fprintln(os.Stderr, strings.Repeat("noise before the error\n", 500))
		fmt.Fprintln(os.Stderr, "boom: scene is broken")
		return 3
	case "no-output":
	case "not-png":
		os.WriteFile(req.Out, []byte("GIF89a, honest"), 0o644)
	case "hang":
		// A renderer that starts a helper of its own and never finishes:
		// cancellation must take both down.
		child := exec.Command(os.Args[0], "sleep")
		if err := child.Start(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		os.WriteFile(args[1], []byte(strconv.Itoa(child.Process.Pid)), 0o644)
		time.Sleep(time.Hour)
	case "leave-child":
		// Exits 0 with a good image but leaves a process holding stderr.
		child := exec.Command(os.Args[0], "sleep")
		child.Stderr = os.Stderr
		if err := child.Start(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		os.WriteFile(args[1], []byte(strconv.Itoa(child.Process.Pid)), 0o644)
		return writeGradient(req.Out, rect)
	default:
		fmt.Fprintln(os.Stderr, "helper: unknown mode", mode)
		return 2
	}
	return 0
}

// writeGradient writes an 8-bit PNG of rect's size whose pixels encode
// their frame coordinates, and returns the exit status.
func writeGradient(path string, rect image.Rectangle) int {
	img := image.NewNRGBA(image.Rect(0, 0, rect.Dx(), rect.Dy()))
	for y := range rect.Dy() {
		for x := range rect.Dx() {
			img.SetNRGBA(x, y, color.NRGBA{uint8(x + rect.Min.X), uint8(y + rect.Min.Y), 0, 0xff})
		}
	}
	f, err := os.Create(path)
	if err == nil {
		err = png.Encode(f, img)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		return 1
	}
	return 0
}
