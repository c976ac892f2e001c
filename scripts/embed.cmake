# embed.cmake: write a file's bytes as a C array (used for the default
# scenario compiled into bmdsim). cmake -DIN=file -DOUT=file.c -DNAME=ident -P embed.cmake
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" n2)
math(EXPR n "${n2} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")
file(WRITE ${OUT} "/* generated from ${IN} by scripts/embed.cmake; do not edit */\n"
  "const unsigned char bmd_${NAME}[] = {${body}0x00};\n"
  "const unsigned long bmd_${NAME}_len = ${n};\n")
