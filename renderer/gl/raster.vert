#version 430
// The raster preview's vertices: world-space triangles of
// pathtracer.Flatten's world, projected with the tracer's camera
// (raster.go viewProj).
layout(location = 0) in vec3 pos;
layout(location = 1) in vec3 normal;
layout(location = 2) in vec2 uv;
layout(location = 3) in vec3 ng;
// info: material index * 2 + hasUV.
layout(location = 4) in int info;

uniform mat4 viewProj;

out vec3 vPos;
out vec3 vNormal;
out vec2 vUV;
flat out vec3 vNg;
flat out int vInfo;

void main() {
	vPos = pos;
	vNormal = normal;
	vUV = uv;
	vNg = ng;
	vInfo = info;
	gl_Position = viewProj * vec4(pos, 1.0);
}
