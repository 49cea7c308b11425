#version 330 core
// Textured mesh: one vertex per triangle corner, so the corner index (gl_VertexID % 3) gives
// the barycentric coordinates used by the wireframe overlay.
layout(location = 0) in vec3 aPosition;
layout(location = 1) in vec3 aNormal;
layout(location = 2) in vec2 aUV;
layout(location = 3) in vec4 aColor;

uniform mat4 uModelView;
uniform mat4 uProjection;

out vec3 vViewPosition;
out vec3 vViewNormal;
out vec2 vUV;
out vec4 vColor;
out vec3 vBarycentric;

void main() {
  vec4 viewPosition = uModelView * vec4(aPosition, 1.0);
  vViewPosition = viewPosition.xyz;
  vViewNormal = mat3(uModelView) * aNormal;  // the model-view has uniform scale only
  vUV = aUV;
  vColor = aColor;
  int corner = gl_VertexID % 3;
  vBarycentric = vec3(corner == 0, corner == 1, corner == 2);
  gl_Position = uProjection * viewPosition;
}
