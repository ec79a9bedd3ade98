package availability

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// OnBattery reports whether a laptop runs on battery: a power supply of
// type Mains under root (/sys/class/power_supply when empty) reads online
// 0. A machine with no Mains supply listed (a desktop, a server, a
// container) is never on battery.
func OnBattery(root string) (bool, error) {
	if root == "" {
		root = "/sys/class/power_supply"
	}
	entries, err := os.ReadDir(root)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read power supplies: %w", err)
	}
	mains, online := false, false
	for _, e := range entries {
		typ, err := os.ReadFile(filepath.Join(root, e.Name(), "type"))
		if err != nil || strings.TrimSpace(string(typ)) != "Mains" {
			continue
		}
		mains = true
		v, err := os.ReadFile(filepath.Join(root, e.Name(), "online"))
		if err == nil && strings.TrimSpace(string(v)) != "0" {
			online = true
		}
	}
	return mains && !online, nil
}

// ErrNoInputIdle says the display server cannot tell how long the owner
// has been away from keyboard and mouse here.
var ErrNoInputIdle = errors.New("input idle time unknown")

// XInputIdle asks X11's screen saver extension, through xprintidle, how
// long since the last keyboard or mouse input. Without $DISPLAY or
// xprintidle it returns ErrNoInputIdle, and the node judges idleness by CPU
// alone.
func XInputIdle(ctx context.Context) (time.Duration, error) {
	if os.Getenv("DISPLAY") == "" {
		return 0, fmt.Errorf("%w: no X display ($DISPLAY is empty)", ErrNoInputIdle)
	}
	path, err := exec.LookPath("xprintidle")
	if err != nil {
		return 0, fmt.Errorf("%w: xprintidle is not installed", ErrNoInputIdle)
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, path).Output()
	if err != nil {
		return 0, fmt.Errorf("%w: xprintidle: %w", ErrNoInputIdle, err)
	}
	ms, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
	if err != nil || ms < 0 {
		return 0, fmt.Errorf("%w: xprintidle printed %q, not milliseconds", ErrNoInputIdle, strings.TrimSpace(string(out)))
	}
	return time.Duration(ms) * time.Millisecond, nil
}
