// Package availability decides whether a node's owner lets it render now:
// always, only while the owner leaves the machine idle, only inside weekly
// time windows, or not at all while paused by hand.
package availability

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

// Mode is when a node renders: Always, or while Idle and/or inside its
// Schedule (both must hold when both are set).
type Mode struct {
	Idle, Schedule bool
}

// Always renders whenever asked.
var Always = Mode{}

// ParseMode reads --mode: "always", or "idle", "schedule" or both
// ("idle,schedule").
func ParseMode(s string) (Mode, error) {
	var m Mode
	parts := strings.Split(s, ",")
	for _, p := range parts {
		switch strings.TrimSpace(p) {
		case "always":
			if len(parts) > 1 {
				return Mode{}, fmt.Errorf("mode %q: always cannot be combined with idle or schedule", s)
			}
		case "idle":
			m.Idle = true
		case "schedule":
			m.Schedule = true
		default:
			return Mode{}, fmt.Errorf("mode %q: %q is not always, idle or schedule", s, strings.TrimSpace(p))
		}
	}
	return m, nil
}

// String is the mode as --mode spells it.
func (m Mode) String() string {
	switch {
	case m.Idle && m.Schedule:
		return "idle,schedule"
	case m.Idle:
		return "idle"
	case m.Schedule:
		return "schedule"
	}
	return "always"
}

// Config says when a node may render. Start from DefaultConfig.
type Config struct {
	Mode Mode
	// Schedule holds the windows of Mode.Schedule, in local time.
	Schedule Schedule
	// IdleCPU is the share (0 to 1) of the machine's CPU that processes
	// other than the node may use while the machine counts as idle.
	IdleCPU float64
	// IdleAfter is how long the machine must stay idle before the node
	// renders.
	IdleAfter time.Duration
	// Interval is how often the owner's use is sampled.
	Interval time.Duration
	// Now is the clock (nil: time.Now); CPU, InputIdle and OnBattery read
	// the machine (nil: /proc, xprintidle, /sys/class/power_supply).
	// Tests inject them.
	Now       func() time.Time
	CPU       CPUSampler
	InputIdle func(context.Context) (time.Duration, error)
	OnBattery func() (bool, error)
}

// DefaultConfig renders always; idle mode waits for 5 minutes under 25%
// of the CPU used by others.
func DefaultConfig() Config {
	return Config{IdleCPU: 0.25, IdleAfter: 5 * time.Minute, Interval: 2 * time.Second}
}

// Validate names what is wrong with c.
func (c Config) Validate() error {
	switch {
	case c.Mode.Schedule && c.Schedule.IsZero():
		return errors.New("mode schedule needs --schedule windows, such as \"mon-fri 22:00-08:00\"")
	case c.Mode.Idle && (c.IdleCPU <= 0 || c.IdleCPU > 1):
		return fmt.Errorf("idle CPU %.0f%%: want more than 0%% and at most 100%%", c.IdleCPU*100)
	case c.Mode.Idle && c.IdleAfter <= 0:
		return fmt.Errorf("idle after %v: must be > 0", c.IdleAfter)
	case c.Interval < 0:
		return fmt.Errorf("sample interval %v: must be >= 0", c.Interval)
	}
	return nil
}

// State is whether the node renders now, and if not, why, in words for
// its owner ("paused by owner", "owner active: CPU 63% > 25%", "outside
// schedule mon-fri 22:00-08:00", "on battery").
type State struct {
	Available bool   `json:"available"`
	Reason    string `json:"reason,omitempty"`
}

// Monitor follows the owner's use of the machine and says whether the
// node may render. Its methods are safe for concurrent use.
type Monitor struct {
	cfg Config

	mu       sync.Mutex
	paused   bool
	prev     CPUSample
	havePrev bool
	activeAt time.Time // the owner was last seen using the machine
	why      string    // what showed it
	battery  bool      // on battery at the last sample
	state    State
}

// New starts following the machine; in idle mode the node waits a whole
// IdleAfter from now before it counts the machine as idle.
func New(cfg Config) *Monitor {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.CPU == nil {
		cfg.CPU = ProcCPU{}
	}
	if cfg.InputIdle == nil {
		cfg.InputIdle = XInputIdle
	}
	if cfg.OnBattery == nil {
		cfg.OnBattery = func() (bool, error) { return OnBattery("") }
	}
	if cfg.Interval <= 0 {
		cfg.Interval = DefaultConfig().Interval
	}
	m := &Monitor{cfg: cfg, activeAt: cfg.Now(), why: "owner's use not measured yet"}
	m.state = m.decide(cfg.Now())
	return m
}

// Config is the monitor's configuration, defaults filled in.
func (m *Monitor) Config() Config { return m.cfg }

// SetPaused pauses (or resumes) the node by the owner's hand, whatever the
// mode, and returns the state that results.
func (m *Monitor) SetPaused(paused bool) State {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.paused = paused
	m.state = m.decide(m.cfg.Now())
	return m.state
}

// State is the latest decision.
func (m *Monitor) State() State {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.state
}

// Check samples the machine once and returns the decision.
func (m *Monitor) Check(ctx context.Context) State {
	var (
		cpu     CPUSample
		cpuErr  error
		input   time.Duration
		inErr   error
		battery bool
	)
	if m.cfg.Mode.Idle {
		cpu, cpuErr = m.cfg.CPU.SampleCPU()
		input, inErr = m.cfg.InputIdle(ctx)
		battery, _ = m.cfg.OnBattery()
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.cfg.Now()
	if m.cfg.Mode.Idle {
		m.observe(now, cpu, cpuErr, input, inErr, battery)
	}
	m.state = m.decide(now)
	return m.state
}

// observe records what one sample says of the owner; m.mu must be held.
func (m *Monitor) observe(now time.Time, cpu CPUSample, cpuErr error, input time.Duration, inErr error, battery bool) {
	m.battery = battery
	if cpuErr != nil {
		// Unknown use counts as use: rendering over an owner who cannot
		// be seen is what idle mode promises not to do.
		m.activeAt, m.why = now, fmt.Sprintf("owner's use unknown: %v", cpuErr)
		return
	}
	if m.havePrev {
		share := OthersShare(m.prev, cpu)
		if share > m.cfg.IdleCPU {
			m.activeAt = now
			m.why = fmt.Sprintf("owner active: CPU %.0f%% > %.0f%%", share*100, m.cfg.IdleCPU*100)
		}
	}
	m.prev, m.havePrev = cpu, true
	if inErr == nil && input < m.cfg.IdleAfter {
		if at := now.Add(-input); !at.Before(m.activeAt) {
			m.activeAt, m.why = at, "owner active: keyboard or mouse in use"
		}
	}
}

// decide is the state at now from what was observed; m.mu must be held.
func (m *Monitor) decide(now time.Time) State {
	switch {
	case m.paused:
		return State{Reason: "paused by owner"}
	case m.cfg.Mode.Idle && m.battery:
		return State{Reason: "on battery"}
	case m.cfg.Mode.Schedule && !m.cfg.Schedule.Contains(now):
		return State{Reason: "outside schedule " + m.cfg.Schedule.String()}
	case m.cfg.Mode.Idle && now.Sub(m.activeAt) < m.cfg.IdleAfter:
		if m.activeAt.Equal(now) {
			return State{Reason: m.why}
		}
		return State{Reason: fmt.Sprintf("%s (%v ago; renders after %v idle)", m.why, now.Sub(m.activeAt).Round(time.Second), m.cfg.IdleAfter)}
	}
	return State{Available: true}
}

// Run checks the machine every Interval until ctx ends, calling changed
// (on Run's goroutine) each time the decision changes.
func (m *Monitor) Run(ctx context.Context, changed func(State)) {
	tick := time.NewTicker(m.cfg.Interval)
	defer tick.Stop()
	last := m.State()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if s := m.Check(ctx); s != last {
			last = s
			changed(s)
		}
	}
}
