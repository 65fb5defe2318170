using ReliefPlatform.Intake;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddIntakeService();

var app = builder.Build();

app.UseServiceDefaults();
app.MapIntakeApi();
app.MapDefaultEndpoints();

app.Run();
