// Package verifier decides whether an untrusted node's pixels are honest: it
// measures images (PSNR, SSIM, differing pixels), compares a worker's tile
// with a checker's re-render of a few crops, and keeps the reputation that
// says how often each node is checked.
//
// # Comparing
//
// Compare judges one crop in one of three modes, from what was measured on
// these machines (shared/DEPENDENCIES.md):
//
//   - Exact, for the pure-Go path tracer, which is deterministic by
//     construction: any difference fails. On the bundled scenes (64x48,
//     16 spp, a 32x24 tile) every cheat differs in 85-100% of its pixels:
//     1/4 of the samples (PSNR 20-26 dB), 1/16 (12-19 dB), another seed
//     (22-27 dB), half resolution upscaled, another tile, the neighbouring
//     frame, a constant colour and noise.
//   - NearExact, for Blender with the worker's build and CPU kernel class:
//     replays match except for float-level noise (a glass scene: ~0.004% of
//     16-bit values off by <= 6 levels, and one pixel between 1 and 2
//     threads), so a pixel counts as differing beyond 64 levels, and a crop
//     passes with <= 0.1% differing pixels and fails above 1%, which still
//     catches an 8x8 patch moved by one 8-bit level in a 64x64 crop (1.6%).
//   - Tolerant, for a checker on another CPU kernel class: honest kernels
//     differ in at most 4.5% of the pixels of a 64x64 block with content,
//     cheats in at least 8.8%, so a crop passes at <= 2% and fails above 8%,
//     and in between the verdict is Uncertain: a third node re-checks.
//
// No PSNR or SSIM threshold separated honest from cheating renders across
// scenes (another seed and 1/4 of the samples are within 1-3 dB of each
// other), so verdicts rest on the differing-pixel fraction; PSNR and SSIM
// are kept in the verdict as evidence.
//
// # Choosing crops
//
// ChooseCrops draws windows inside the task's region with odds in
// proportion to their variance in the worker's image (every channel of
// every plane: a check image of several render passes has several),
// because flat background matches even for a cheat and the pixels that
// tell a lazy render (edges, texture, noise) are where the image varies.
// Flat windows keep a small floor of odds. The last window ignores content, so
// flattening a region does not steer checks away from it. Crops are a pure
// function of the worker's image and a seed, so a verdict can be
// recomputed; the seed must be unknown to the worker until it has committed
// to its result (see CropSeed).
//
// # How often to check
//
// A node cheating on a fraction c of its tasks, each checked with
// probability q, is caught within n tasks with probability
// 1-(1-qc)^n (DetectionProbability). Policy sets q per node:
//
//   - New nodes start at q = 1: membership is open, so a node with no
//     record has every task checked, and one that cheats from the start is
//     caught on its first task, before it has earned anything. Checks are
//     a few small crops, so this costs a new node's first tasks a few
//     percent each, not a second render.
//   - Every 10 passed checks halve q's excess over the floor, so q is ~0.53
//     after 10 passes, ~0.17 after 30 and ~0.06 after 60.
//   - The floor is 0.05: a trusted node that turns lazy on every task is
//     caught within 59 tasks with 95% probability and within 90 with 99%.
//     Cheating does not pay when the expected loss per cheated task, q
//     times the stake slashed, exceeds the task's price: with q = 0.05, a
//     stake of 20 task payments suffices.
//   - A failure sets q to 1 (every task checked until the node has a new
//     record), quarantines the node for 24 hours, and the farm re-checks its
//     other tasks in the job.
//
// The cost of checking is q times the share of a task the crops cover,
// plus the checker's start-up: 4 crops of 32x32 are 12.6% of a 1080p
// frame's 8x8 tile, so a trusted node costs ~0.6% extra rendering and a new
// one ~6%. BenchmarkSpotCheck compares the formula with simulation;
// BenchmarkPolicyDetection runs cheaters through the adaptive policy.
package verifier
