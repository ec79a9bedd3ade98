package api

import "time"

// NodeMeta is what a node tells the cluster about itself through memberlist's
// node metadata. It must encode to at most memberlist.MetaMaxSize bytes
// (memberlist panics beyond that), so names are short.
type NodeMeta struct {
	// ID is the node's name in the cluster.
	ID string `json:"id"`
	// API is the base URL other members call the node's RPC at (its
	// /rpc/v1 routes; its client API may be elsewhere, on loopback).
	API string `json:"api"`
	// Renderers maps each backend the node runs to its version.
	Renderers map[string]string `json:"r"`
	// Cores is the node's CPU count.
	Cores int `json:"c"`
	// Slots is how many tasks the node renders at once.
	Slots int `json:"s"`
	// Addr is the Ethereum address of the node's key: coordinators and
	// workers check each other's signatures against it.
	Addr string `json:"a"`
	// Price is what the node asks per task, in tokens.
	Price Tokens `json:"p,omitzero"`
	// Sandboxed tells whether the node renders inside the Docker sandbox;
	// a requester may refuse unsandboxed nodes.
	Sandboxed bool `json:"sb,omitempty"`
	// Away, when set, says why the node takes no leases now ("paused by
	// owner", "owner active: CPU 63% > 25%", "outside schedule ...", "on
	// battery"): coordinators do not try it until it is cleared.
	Away string `json:"away,omitempty"`
	// Ahead is how many leases the node takes beyond its Slots, held
	// until a slot frees: a node behind NAT takes one, so the next task
	// crosses its gateway while it renders (farm/ahead.go).
	Ahead int `json:"q,omitempty"`
	// Proto is the node-to-node protocol the node's release speaks
	// (farm.Protocol; 0 from releases before there was one): a
	// coordinator gives work only to members of its own.
	Proto int `json:"pv,omitempty"`
	// Speed maps a renderer the node calibrated (a tiny built-in render at
	// start: farm/calibrate.go) to the samples per second one of its slots
	// rendered. It is the node's claim, so coordinators trust what they
	// measure of its tasks over it once they have a few.
	Speed map[string]int64 `json:"sp,omitempty"`
	// Coordinating is set while the node coordinates a job not ended:
	// members behind NAT ask it, directly, how their answers reach it
	// (farm/wayask.go).
	Coordinating bool `json:"co,omitempty"`
}

// RendererAuto is the JobSpec.Renderer that lets the coordinator pick the
// renderer and release for a glTF job: the one whose members render it
// fastest together (calibrated or measured speed x free slots), fixed for
// the job at submit.
const RendererAuto = "auto"

// Member is a node as seen through gossip.
type Member struct {
	NodeMeta
	// Gossip is the member's memberlist address.
	Gossip string `json:"gossip"`
	// Reputation is the answering node's own record of this member's spot
	// checks (set by the client API, not gossiped: each coordinator keeps
	// its own).
	Reputation *Reputation `json:"reputation,omitempty"`
	// Measured maps a renderer to the samples per second per slot the
	// answering node measured of this member's accepted tiles as their
	// coordinator, and Trusted tells whether there were enough of them to
	// rank the member by that instead of its Speed (not gossiped either).
	Measured map[string]Pace `json:"measured,omitempty"`
	// Incompatible, set by the answering node (not gossiped), says why it
	// gives the member no work: it speaks another protocol (Proto).
	Incompatible string `json:"incompatible,omitempty"`
	// Unstaked, set by the answering node (not gossiped) on a chain, says
	// why it leases the member none of its jobs' tasks: the member bonds
	// less than its minimum stake (NodeConfig.MinStake).
	Unstaked string `json:"unstaked,omitempty"`
}

// Pace is what a coordinator measured of a member on one renderer.
type Pace struct {
	SamplesPerSecond float64 `json:"samples_per_second"`
	Tasks            int     `json:"tasks"`
	// Trusted is set once Tasks are enough for the coordinator to rank
	// the member by this pace rather than by its claimed Speed.
	Trusted bool `json:"trusted"`
}

// Reputation is a coordinator's view of a node's honesty.
type Reputation struct {
	Passed int `json:"passed"`
	Failed int `json:"failed"`
	// CheckRate is the probability that its next task is checked.
	CheckRate float64 `json:"check_rate"`
	// Quarantined is set while the node is barred after a conviction.
	Quarantined bool `json:"quarantined,omitempty"`
	// BlocklistedUntil is set while the node gets no leases because it
	// failed task after task that other nodes rendered.
	BlocklistedUntil time.Time `json:"blocklisted_until,omitzero"`
}
