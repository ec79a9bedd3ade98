package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"log/slog"
	"strings"
)

// newLogger is the node's structured log on w: "text" (key=value lines,
// for a terminal or journald) or "json" (one object a line, for a log
// collector), of records at level ("debug", "info", "warn", "error") and
// above.
func newLogger(format, level string, w io.Writer) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("%w: --log-level %q: want debug, info, warn or error", errUsage, level)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("%w: --log-format %q: want text or json", errUsage, format)
}

// memberlistLog is a *log.Logger for memberlist that writes its lines into
// the node's structured log at the level memberlist tags them with
// ("[WARN] memberlist: ..."), so a JSON log stays all JSON and memberlist's
// chatty DEBUG lines stay out of an Info log.
func memberlistLog(l *slog.Logger) *log.Logger {
	return log.New(levelWriter{l}, "", 0)
}

type levelWriter struct{ l *slog.Logger }

var memberlistLevels = []struct {
	tag   string
	level slog.Level
}{
	{"[DEBUG] ", slog.LevelDebug},
	{"[INFO] ", slog.LevelInfo},
	{"[WARN] ", slog.LevelWarn},
	{"[ERR] ", slog.LevelError},
	{"[ERROR] ", slog.LevelError},
}

func (w levelWriter) Write(p []byte) (int, error) {
	msg := string(bytes.TrimRight(p, "\n"))
	level := slog.LevelInfo
	for _, t := range memberlistLevels {
		if rest, ok := strings.CutPrefix(msg, t.tag); ok {
			msg, level = rest, t.level
			break
		}
	}
	w.l.Log(context.Background(), level, msg, "component", "gossip")
	return len(p), nil
}
