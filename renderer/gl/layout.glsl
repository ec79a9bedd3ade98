// The material, emitter and light layouts pack.go writes, shared by
// tracer.comp and raster.frag.
// base.w: metallic; emis.w: roughness; misc: transmission, ior,
// doubleSided; tex: first texel (-1: untextured), width, height, flags
// (bit 0 nearest, bits 1-2 wrap S, bits 3-4 wrap T: 0 repeat, 1 clamp,
// 2 mirror).
struct Mat { vec4 base; vec4 emis; vec4 misc; ivec4 tex; };
// Emit: an emissive triangle and its cumulative pick probability.
struct Emit { int tri; float cdf; };
// pos.w: kind (0 point, 1 spot, 2 directional); cone: cosInner, cosOuter.
struct Light { vec4 pos; vec4 dir; vec4 rad; vec4 cone; };
