// rule: forbidden-api
Object sneak(UvmObject self, Object... args) {
    io.batos.image.LivingImage image = null;
    return image;
}
