using ReliefPlatform.Payments;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPaymentsService();

var app = builder.Build();

app.UseServiceDefaults();
app.MapPaymentsApi();
app.MapDefaultEndpoints();

app.Run();
