#version 330 core
// Depth only: the rasteriser writes it.
void main()
{
}
