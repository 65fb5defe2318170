using ReliefPlatform.Web;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddWeb();

var app = builder.Build();

app.UseWeb();
app.MapDefaultEndpoints();

app.Run();
