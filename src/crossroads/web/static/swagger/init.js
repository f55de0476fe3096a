// The API's documentation page: Swagger UI 5 (vendored, Apache-2.0) over /openapi.json.
window.addEventListener("load", () => {
  window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
