using ReliefPlatform.Relief;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddReliefService();

var app = builder.Build();

app.UseServiceDefaults();
app.MapReliefApi();
app.MapDefaultEndpoints();

app.Run();
