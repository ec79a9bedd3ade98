// Package gui is conun's desktop app for artists (Fyne): submit a scene,
// watch its tiles arrive, get the frames back. It talks to a node only
// through api.Client (farm/api), the same client API the CLI uses.
package gui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/conun/conun/farm/api"
	_ "github.com/conun/conun/internal/guilocale" // a locale Fyne can parse, before Fyne reads it
)

// Config configures the app. Start from DefaultConfig.
type Config struct {
	// Node is the base URL of the node's client API.
	Node string
	// Token is the node's API token, for nodes reachable from other machines.
	Token string
	// OutDir is where fetched frames go, a folder per job.
	OutDir string
	// DataDir is the data folder of the local node the app offers to start
	// when none answers at Node.
	DataDir string
	// Join is the cluster address the start-up dialog suggests for the local
	// node; the artist can change it.
	Join string
	// Job, when set, opens that job's live view at start.
	Job string
	// StartNode starts the local node the app offers when no node answers
	// (cmd hands it farm.StartLocalNode with the renderers `conun node` would run). The app itself speaks only the
	// client API, so it carries none of a node's machinery; nil means the
	// offer is not made.
	StartNode func(ctx context.Context, dataDir, join string) (LocalNode, error)
	// Pack reads a .blend with the external files it uses packed into it
	// (cmd hands it Blender's packing, as `conun submit` does); nil sends
	// the file as it is.
	Pack func(ctx context.Context, path string) ([]byte, error)
}

// LocalNode is a node the app started in its own process: it is stopped
// when the window closes.
type LocalNode interface {
	Name() string
	URL() string
	GossipAddr() string
	// Renderers and Refused say what it renders with, and what not and
	// why (Blender without a sandbox).
	Renderers() []string
	Refused() map[string]string
	Close() error
}

// DefaultConfig reads the node address and token the way the CLI does
// (CONUN_NODE, CONUN_TOKEN) and puts frames under ~/conun-renders and the
// local node's data under the user's cache folder.
func DefaultConfig() Config {
	c := Config{Node: os.Getenv("CONUN_NODE"), Token: os.Getenv("CONUN_TOKEN")}
	if c.Node == "" {
		c.Node = "http://127.0.0.1:8080"
	}
	if home, err := os.UserHomeDir(); err == nil {
		c.OutDir = filepath.Join(home, "conun-renders")
	} else {
		c.OutDir = "conun-renders"
	}
	if cache, err := os.UserCacheDir(); err == nil {
		c.DataDir = filepath.Join(cache, "conun", "gui-node")
	} else {
		c.DataDir = filepath.Join(os.TempDir(), "conun-gui-node")
	}
	return c
}

// callTimeout bounds the client API calls the app makes for its screens, so a
// hung node shows as an error instead of a spinner forever. Uploads and the
// event stream are not bounded by it.
const callTimeout = 15 * time.Second

// ui is the app's window and its screens. Its fields are only touched on the
// UI goroutine; network calls run on their own goroutines and hand their
// results back through do, so a slow node never freezes the window.
type ui struct {
	cfg    Config
	app    fyne.App
	win    fyne.Window
	client *api.Client
	// do runs f on the UI goroutine: fyne.Do in the app, a queue the test
	// drains in tests.
	do func(f func())

	ctx     context.Context // ends when the window closes
	cancel  context.CancelFunc
	local   LocalNode      // the node the app started, if any
	startup *startupDialog // the offer to start a local node, when shown

	tabs      *container.AppTabs
	status    *widget.Label
	newRender *newRenderView
	live      *liveView
	jobs      *jobsView
	cluster   *clusterView
	wallet    *walletView
	node      *nodeView
}

// newUI builds the window and its screens without showing it.
func newUI(a fyne.App, cfg Config, do func(func())) *ui {
	u := &ui{cfg: cfg, app: a, do: do, client: newClient(cfg.Node, cfg.Token)}
	u.ctx, u.cancel = context.WithCancel(context.Background())
	u.win = a.NewWindow("conun")
	u.status = widget.NewLabel("")
	u.newRender = newNewRenderView(u)
	u.live = newLiveView(u)
	u.jobs = newJobsView(u)
	u.cluster = newClusterView(u)
	u.wallet = newWalletView(u)
	u.node = newNodeView(u)
	u.tabs = container.NewAppTabs(
		container.NewTabItem("New render", u.newRender.content),
		container.NewTabItem("Live", u.live.content),
		container.NewTabItem("Jobs", u.jobs.content),
		container.NewTabItem("Cluster", u.cluster.content),
		container.NewTabItem("Wallet", u.wallet.content),
		container.NewTabItem("Node", u.node.content),
	)
	u.tabs.OnSelected = func(t *container.TabItem) {
		switch t.Content {
		case u.jobs.content:
			u.jobs.refresh()
		case u.cluster.content:
			u.cluster.refresh()
		case u.wallet.content:
			u.wallet.refresh()
		case u.node.content:
			u.node.refresh()
		}
	}
	u.win.SetContent(container.NewBorder(nil, u.status, nil, nil, u.tabs))
	u.win.Resize(fyne.NewSize(1280, 800))
	u.win.SetOnDropped(u.newRender.dropped)
	u.win.SetMaster()

	// Ctrl+N: new render. Ctrl+. (the usual "stop" chord): cancel the job
	// in the live view, after asking.
	u.win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
		u.showNewRender()
	})
	u.win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyPeriod, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
		u.live.askCancel()
	})
	return u
}

func newClient(url, token string) *api.Client {
	c := api.NewClient(url)
	c.Token = token
	return c
}

// start checks that a node answers; if none does it offers to start one.
func (u *ui) start() {
	u.connect(func() {
		if u.cfg.Job != "" {
			u.showLive(u.cfg.Job, nil)
		}
	})
}

// connect probes the node off the UI goroutine and then calls then on it;
// when no node answers it offers the local node first.
func (u *ui) connect(then func()) {
	c := u.client
	u.setStatus(fmt.Sprintf("Connecting to %s …", c.BaseURL))
	go func() {
		ctx, cancel := context.WithTimeout(u.ctx, 3*time.Second)
		members, err := c.Nodes(ctx)
		cancel()
		u.do(func() {
			if err != nil {
				u.setStatus(fmt.Sprintf("No node answers at %s: %v", c.BaseURL, err))
				if u.cfg.StartNode != nil {
					u.offerLocalNode(c.BaseURL, then)
				}
				return
			}
			u.setStatus(fmt.Sprintf("Connected to %s: the cluster has %d node(s)", c.BaseURL, len(members)))
			then()
		})
	}()
}

func (u *ui) setStatus(s string) { u.status.SetText(s) }

// showError shows err in a dialog over the window.
func (u *ui) showError(what string, err error) {
	u.setStatus(what + ": " + err.Error())
	dialog.ShowError(fmt.Errorf("%s: %w", what, err), u.win)
}

func (u *ui) showNewRender() { u.tabs.Select(u.tabs.Items[0]) }

// showLive opens a job's live view; spec may be nil when the caller does not
// have it. notes are the node's words on a submission (api.Submitted),
// shown above the job while it is open.
func (u *ui) showLive(id string, spec *api.JobSpec, notes ...string) {
	u.live.open(id, spec, notes)
	u.tabs.Select(u.tabs.Items[1])
}

// close stops what the window started: streams and the local node.
func (u *ui) close() error {
	u.cancel()
	if u.jobs != nil && u.jobs.player != nil {
		u.jobs.player.close() // its decoder and clock stop with it
	}
	if u.local != nil {
		return u.local.Close()
	}
	return nil
}
