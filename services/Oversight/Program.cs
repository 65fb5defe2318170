using ReliefPlatform.Oversight;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddOversightService();

var app = builder.Build();

app.UseServiceDefaults();
app.MapOversightApi();
app.MapDefaultEndpoints();

app.Run();
